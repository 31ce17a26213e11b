"""Corrections restate the question before: what they assert replaces what it said of the same kind
(a part, a level, a year, an organisation, the thing counted), what they take back goes (issue 15).
The conversations are invented for these tests."""

from __future__ import annotations

from bot.answering import corrections
from bot.answering.answerer import Answerer
from bot.language.folding import tokens
from tests.answering.test_fewer_wrong_facts import chat, says

# ---------------------------------------------------------------- reading a correction


def test_the_verb_of_asking_after_the_cue_is_not_what_is_asserted() -> None:
    assert corrections.read("mình nhầm, hỏi tập thể") == "tap the"
    # folded, "hỏi" is also "hội": an organisation's name keeps it
    assert corrections.read("mình nhầm, hội phụ nữ") == "hoi phu nu"


def test_a_restating_cue_counts_only_before_a_break() -> None:
    assert corrections.read("sửa lại: cờ phướn") == "co phuon"
    assert corrections.read("hỏi lại nha, đèn đường bao nhiêu km") == "den duong bao nhieu km"
    assert corrections.read("sửa lại được mấy căn") is None  # repairs, asked


def test_a_particle_ending_the_correction_is_dropped() -> None:
    assert corrections.read("à nhầm, cá nhân thôi") == "ca nhan"


def test_the_negated_words_are_read() -> None:
    assert corrections.negated("tập thể chứ không phải cá nhân") == ["ca", "nhan"]
    assert corrections.negated("ko phải huyện đoàn mà là hội phụ nữ") == ["huyen", "doan"]


def test_asserting_one_of_a_kind_drops_the_other_of_that_kind() -> None:
    carried = tokens("ca nhan duoc khen cap tinh nam 2022")
    assert corrections.swap(carried, tokens("tap the")) == tokens("duoc khen cap tinh nam 2022")
    assert corrections.swap(carried, tokens("cap xa")) == tokens("ca nhan duoc khen nam 2022")
    assert corrections.swap(carried, tokens("nam 2021")) == tokens("ca nhan duoc khen cap tinh nam")
    assert corrections.swap(tokens("huyen doan xay nha"), tokens("hoi phu nu")) == tokens("xay nha")


# ---------------------------------------------------------------- in a conversation


def test_a_correction_naming_the_other_part_keeps_the_level(answerer: Answerer) -> None:
    _, corrected = chat(answerer, "lai vung ca nhan dc khen cap huyen bn", "a nham tap the thoi")
    assert corrected.answered and says(corrected, "20 tập thể") and not says(corrected, "cấp tỉnh")


def test_a_correction_naming_another_organisation_lists_its_models(answerer: Answerer) -> None:
    _, corrected = chat(answerer, "hội phụ nữ kiên lương có mô hình gì", "nhầm, hội ccb")
    assert corrected.kind == "list" and says(corrected, "đội canh phòng") and not says(corrected, "heo đất")


def test_another_organisation_after_a_count_states_no_figure_of_another_kind(answerer: Answerer) -> None:
    # the veterans' gifts are counted in money, the farmers' in parcels
    _, corrected = chat(answerer, "hội nông dân bù đốp tặng bao nhiêu phần quà", "à nhầm, ý là hội ccb")
    assert not corrected.answered


def test_a_correction_naming_another_thing_counted_replaces_it(answerer: Answerer) -> None:
    _, corrected = chat(answerer, "bù đốp xây bao nhiêu nhà đại đoàn kết", "à nhầm, ý mình là nhà tình thương")
    assert corrected.answered and says(corrected, "nhà tình thương")
    assert not says(corrected, "176") and not says(corrected, "39")


def test_a_correction_of_building_for_repairing(answerer: Answerer) -> None:
    _, corrected = chat(answerer, "hội nông dân bù đốp sửa mấy căn nhà", "nhầm, xây mới")
    assert corrected.answered and says(corrected, "8 căn nhà tình thương")


def test_a_question_declined_for_a_place_without_an_article_can_be_corrected(answerer: Answerer) -> None:
    declined, corrected = chat(answerer, "quảng ninh treo bao nhiêu cờ đảng", "ý mình là kiên lương")
    assert not declined.answered
    assert corrected.answered and says(corrected, "480")


def test_a_count_asked_again_of_another_district_must_count_the_same_there(answerer: Answerer) -> None:
    # Kiên Lương's veterans have models, none counting members who borrowed: no model stands in
    _, corrected = chat(answerer, "bù đốp ccb vay vốn bao nhiêu hội viên", "ý mình là kiên lương chứ ko phải bù đốp")
    assert not corrected.answered
    _, again = chat(answerer, "bù đốp ccb vay vốn bao nhiêu hội viên", "còn kiên lương")
    assert not again.answered


def test_an_organisation_that_was_the_whole_topic_stays_in_another_district(answerer: Answerer) -> None:
    _, completed = chat(answerer, "thông tin về ccb", "của bù đốp á")
    assert completed.answered and says(completed, "Cựu Chiến binh")


def test_a_level_before_a_particle_is_no_town(answerer: Answerer) -> None:
    q = answerer.snapshot.analyzer.analyze("cấp huyện chứ")
    assert not q.unknown_places  # not the town of Chũ


def test_a_district_and_an_organisation_alone_complete_the_question_before(answerer: Answerer) -> None:
    # "đèn đường" matched the Front's lights and Lai Vung's lit roads: "Mặt trận Bù Đốp" picks, it
    # does not open another subject of the Front's
    _, completed = chat(answerer, "đèn đường", "mặt trận bù đốp nha")
    assert completed.answered and says(completed, "16 km") and not says(completed, "Đại đoàn kết")


def test_a_vague_question_moved_to_a_district_that_has_several_answers_asks_among_them(
    answerer: Answerer,
) -> None:
    # Lai Vung's article gives four awards: it does not "lack" them, the user picks one
    _, there, picked = chat(answerer, "hỏi về khen thưởng với", "thế ở lai vung", "cá nhân cấp huyện")
    assert there.kind == "clarify"
    labels = " ".join(s.label for s in there.suggestions)
    assert "Lai Vung" in labels
    assert picked.answered and says(picked, "49")


def test_a_count_the_turn_did_not_type_is_never_named_in_folded_words(answerer: Answerer) -> None:
    # the thing counted came from the turn before; the bot must not echo its folded form ("số qua")
    _, corrected = chat(answerer, "hội nông dân bù đốp tặng bao nhiêu phần quà", "à nhầm, ý là hội ccb")
    assert not corrected.answered
    assert "số qua" not in corrected.text and "phan qua" not in corrected.text
