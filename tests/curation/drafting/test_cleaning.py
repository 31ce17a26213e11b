"""Chrome removal on synthetic pages: counters, ratings, comment boxes, lists, notices."""

from __future__ import annotations

from bot.curation.drafting.cleaning import clean

PROSE = (
    "Năm qua, Hội Nông dân huyện đã phối hợp với các xã tổ chức nhiều lớp tập huấn kỹ thuật trồng lúa "
    "cho bà con, giúp nhiều hộ nâng cao thu nhập và ổn định cuộc sống."
)


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_trailing_widgets_go_and_the_article_stays() -> None:
    raw = page(
        "Tin tức Tin tức",
        "Nông dân Hòa Lộc Tây làm giàu từ mô hình liên kết",
        "Thứ hai - 03/04/2023 08:15 1234 5",
        PROSE,
        "",
        "Tác giả bài viết: Minh Khoa",
        "",
        "Tổng số điểm của bài viết là: 10 trong 2 đánh giá",
        "Click để đánh giá bài viết",
        "  Ý kiến bạn đọc",
        "Thống kê truy cập",
        "  • Đang truy cập 12",
        "  • Hôm nay1,204",
        "Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ: 60 giây",
    )
    cleaned = clean(raw)
    assert PROSE in cleaned.text
    assert "Tác giả bài viết: Minh Khoa" in cleaned.text
    for chrome in ("Tổng số điểm", "Click để", "Ý kiến bạn đọc", "Thống kê", "Đang truy cập", "Hôm nay", "Bấm vào"):
        assert chrome not in cleaned.text, chrome
    assert "Tin tức Tin tức" not in cleaned.text  # a breadcrumb printed twice
    # the dateline keeps its date and time, not the page's view and comment counts
    assert "Thứ hai - 03/04/2023 08:15\n" in cleaned.text
    assert any("1234, 5" in note for note in cleaned.notes)
    assert any("Đã bỏ" in note for note in cleaned.notes)


def test_a_widget_glued_to_the_last_line_is_cut_off() -> None:
    raw = page(PROSE, "", "Thanh HàCó thể bạn quan tâm", "", "Các tin khác", "", "Mới nhất", "Xem nhiều nhất")
    cleaned = clean(raw)
    assert cleaned.text.rstrip().endswith("Thanh Hà")
    assert "quan tâm" not in cleaned.text and "Các tin khác" not in cleaned.text


def test_prose_that_merely_starts_like_a_widget_is_kept() -> None:
    long_line = (
        "Bình luận về kết quả này, đồng chí Bí thư Huyện ủy cho rằng phong trào đã lan tỏa rộng khắp "
        "các xã, thị trấn trong toàn huyện."
    )
    raw = page(PROSE, long_line, "Phản hồi", "Liên kết website")
    cleaned = clean(raw)
    assert long_line in cleaned.text
    assert "Phản hồi" not in cleaned.text


def test_a_widget_word_in_the_middle_does_not_cut_the_article() -> None:
    raw = page("Mới nhất", PROSE, PROSE.replace("Năm qua", "Năm nay"))
    cleaned = clean(raw)
    assert PROSE in cleaned.text and "Năm nay" in cleaned.text


def test_text_is_never_retyped() -> None:
    raw = page("Tiêu đề bài viết về huyện", "Bài ghi  hai  khoảng trắng và lỗi chính tả: sữa chữa 3 căn nhà.")
    assert "Bài ghi  hai  khoảng trắng và lỗi chính tả: sữa chữa 3 căn nhà." in clean(raw).text
