import pytest
from django.core.exceptions import ValidationError

from yifa.core.identity import (id_number_check_char, mask_id, mask_name, mask_phone, uscc_check_char,
                                validate_id_number, validate_phone, validate_uscc)


def test_it_accepts_a_valid_id_number_with_x():
    # 11010519491231002X is the check example printed in GB 11643-1999.
    assert validate_id_number("11010519491231002x") == "11010519491231002X"


def test_it_computes_the_id_check_character():
    assert id_number_check_char("11010519491231002") == "X"
    assert id_number_check_char("44052418800101001") == "4"


@pytest.mark.parametrize("bad, message", [
    ("11010519491231002", "18 位"),
    ("110105194913310028", "出生日期无效"),
    ("110105194912310021", "校验位"),
])
def test_it_refuses_bad_id_numbers_in_chinese(bad, message):
    with pytest.raises(ValidationError) as error:
        validate_id_number(bad)
    assert message in error.value.messages[0]


def test_it_accepts_a_valid_credit_code():
    # 91350100M000100Y43: the GB 32100-2015 appendix example.
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert validate_uscc("91350100m000100y43") == "91350100M000100Y43"


def test_it_refuses_a_credit_code_with_a_wrong_check_character():
    with pytest.raises(ValidationError) as error:
        validate_uscc("91350100M000100Y44")
    assert "校验位" in error.value.messages[0]
    with pytest.raises(ValidationError):
        validate_uscc("91350100M000100YO3")


def test_masks_keep_only_what_identifies_nothing():
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("王小明") == "王*明"
    assert mask_name("李四") == "李*"


def test_phone_numbers():
    assert validate_phone("138 1234 5678") == "13812345678"
    assert validate_phone("0572-2345678") == "05722345678"
    with pytest.raises(ValidationError):
        validate_phone("12345")
