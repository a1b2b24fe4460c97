"""Plausible Chinese names, places, 身份证号 (GB 11643), 统一社会信用代码 (GB 32100) and phone numbers.

All drawn from a ``random.Random`` the caller seeds, so a run is reproducible. Everything is fictitious.
"""

import datetime as dt
import random

from yifa.core.identity import USCC_CHARS, id_number_check_char, uscc_check_char

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
            "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国平刚桂兰红玉萍文辉鹏宇浩晨欣怡雪梅林海燕霞波斌飞宁志荣"
         "春生德福金凤婷婷晓东立新永庆海峰")
PLACE_A = "东西南北新长安永兴和平清河龙凤桃花青山白石金溪马鞍双桥柳塘梅林荷塘云湖泉溪杨家李庄高桥横街"
PLACE_B = "塘桥溪湾港浦岭湖山庄埠坞泾圩洋川"
STREETS = ("人民路", "解放路", "中山路", "建设路", "文化路", "工业路", "环城路", "迎宾路", "新华街", "胜利街", "河滨路",
           "府前街", "青年路", "滨湖路", "长兴路")
COMPANY_WORDS = ("恒达", "永盛", "华鑫", "汇通", "鼎新", "瑞丰", "宏图", "金源", "顺发", "天成", "锦华", "兴旺", "盛世",
                 "广源", "德信", "众合", "博远", "新锐", "嘉禾", "诚信")
INDUSTRIES = (("餐饮", "餐饮服务", "有限公司"), ("建材", "建材经营部", "商行"), ("五金", "五金店", "个体户"),
              ("食品", "食品加工", "有限公司"), ("纺织", "纺织", "有限公司"), ("物流", "物流", "有限公司"),
              ("汽修", "汽车修理", "服务部"), ("超市", "超市", "连锁店"), ("印刷", "印刷", "厂"), ("养殖", "养殖", "专业合作社"))


def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def place(rng: random.Random) -> str:
    return rng.choice(PLACE_A) + rng.choice(PLACE_A) + rng.choice(PLACE_B)


def address(rng: random.Random, town: str) -> str:
    return f"{town}{rng.choice(STREETS)}{rng.randint(1, 300)}号"


def id_number(rng: random.Random, region: str = "339901", born_from: int = 1945, born_to: int = 2004) -> str:
    birth = dt.date(born_from, 1, 1) + dt.timedelta(days=rng.randrange((born_to - born_from) * 365))
    first17 = f"{region}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + id_number_check_char(first17)


def uscc(rng: random.Random, region: str = "339901") -> str:
    body = "91" + region + "".join(rng.choice(USCC_CHARS) for _ in range(9))
    return body + uscc_check_char(body)


def phone(rng: random.Random) -> str:
    return rng.choice(("139", "138", "137", "136", "135", "158", "159", "187", "188", "133", "153", "180", "189")) + \
        f"{rng.randint(0, 99_999_999):08d}"


def company(rng: random.Random, town: str) -> tuple[str, str]:
    """(name, industry)."""
    industry, trade, suffix = rng.choice(INDUSTRIES)
    return f"{town}{rng.choice(COMPANY_WORDS)}{trade}{suffix}", industry
