from bot.language.folding import canonical_number, contains, fold, letter_ratio, numbers, strip_controls, tokens


def test_fold_removes_diacritics_and_case() -> None:
    assert fold("Bù Đốp HŨ GẠO tình thương") == "bu dop hu gao tinh thuong"
    # decomposed input (NFD, as some phone keyboards send it) folds the same
    assert fold("Bu\u0300 \u0110o\u0302\u0301p") == "bu dop"


def test_numbers_have_one_spelling() -> None:
    assert canonical_number("2.401") == "2401"
    assert canonical_number("98,4") == "98.4"
    assert canonical_number("07") == "7"
    assert canonical_number("2.5") == "2.5"  # a decimal point, not thousands
    assert tokens("2.401 đảng viên, 98,4%") == ["2401", "dang", "vien", "98.4"]


def test_tokens_split_glued_numbers_but_keep_square_metres() -> None:
    assert tokens("25ty") == ["25", "ty"]
    assert tokens("trên 2.208m2 đất") == ["tren", "2208", "m2", "dat"]


def test_numbers_as_printed() -> None:
    assert numbers("trị giá 85.300.00đ, 13.75 km và 5 tỷ 670 triệu") == ["85.300.00", "13.75", "5", "670"]


def test_strip_controls_and_scripts() -> None:
    assert strip_controls("a\x00b\x1bc\u200bd") == "a b cd"  # an invisible character joins, a control splits
    assert letter_ratio("Сколько") == (0, 7)
    assert letter_ratio("Bù Đốp") == (5, 0)


def test_contains_finds_tokens_one_after_the_other() -> None:
    said = ["tap", "the", "ca", "nhan"]
    assert contains(said, ["the", "ca"]) and contains(said, ("ca", "nhan")) and contains(tuple(said), ["tap"])
    assert not contains(said, ["ca", "the"]) and not contains(said, ["nhan", "x"]) and not contains([], ["x"])
    assert contains(said, []) and contains([], [])  # as "" is in every string


def test_the_dot_of_a_short_form_between_letters_is_no_break() -> None:
    assert tokens("tp.hcm có gì", breaks=True) == ["tp", "hcm", "co", "gi"]
    assert tokens("xin chào. cho hỏi", breaks=True) == ["xin", "chao", "|", "cho", "hoi"]
    assert tokens("dài 13.75 km", breaks=True) == ["dai", "13.75", "km"]
