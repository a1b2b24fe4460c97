"""双随机 draw: reproducible from a recorded seed, with nothing but SHA-256.

The algorithm is published next to every draw so that anyone can re-run it:

1. Sort the target pool by 统一社会信用代码 and the inspector pool by 执法证号.
2. A random number ``r(label, i)`` is the first 8 bytes (big-endian) of
   SHA-256("<seed>:<label>:<i>"), i = 0, 1, 2, … .
3. ``pick(label, items, k)``: a partial Fisher–Yates shuffle. For position p = 0 … k-1,
   take the next r, reject it if r >= 2^64 - (2^64 mod n) (no modulo bias), where
   n = len(items) - p; otherwise swap items[p] with items[p + r mod n].
   The first k items are the choice.
4. Targets = pick("targets", targets, count). For the j-th chosen target (j from 0),
   its inspectors = pick("inspectors:j", inspectors, per_target).

Same seed and same lists give the same result on any machine.
"""

import hashlib
import secrets

ALGORITHM = "yifa-draw-v1"
_SPACE = 1 << 64

# The rules in Chinese, as the public page states them.
ALGORITHM_TEXT = """1. 检查对象名录按统一社会信用代码排序，检查人员名录按执法证号排序。
2. 随机数 r(标签, i) 取 SHA-256("种子:标签:i") 的前 8 个字节（大端序）作为整数，i 从 0 开始依次取用。
3. 从 n 项中抽取 k 项（部分费雪-耶茨洗牌）：第 p 次（p 从 0 开始）取下一个随机数 r，记 m = n − p；
   若 r ≥ 2^64 − (2^64 mod m) 则舍弃另取（避免取模偏差），否则把第 p 项与第 p + (r mod m) 项交换。
   交换 k 次后，前 k 项即为抽中结果。
4. 检查对象用标签 "targets" 抽取；第 j 个抽中的对象（j 从 0 开始）用标签 "inspectors:j" 从检查人员名录中抽取检查人员。
同一随机种子、同一名录，在任何计算机上重新抽取，结果都相同。"""

# Shown on the public page: a complete, dependency-free re-implementation.
REFERENCE_CODE = '''import hashlib, json

def numbers(seed, label):
    i = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{label}:{i}".encode("utf-8")).digest()
        yield int.from_bytes(digest[:8], "big")
        i += 1

def pick(seed, label, items, k):
    items, stream = list(items), numbers(seed, label)
    for p in range(k):
        n = len(items) - p
        limit = 2**64 - (2**64 % n)
        r = next(stream)
        while r >= limit:
            r = next(stream)
        q = p + r % n
        items[p], items[q] = items[q], items[p]
    return items[:k]

def run(seed, targets, inspectors, count, per_target):
    targets = sorted(targets)          # 统一社会信用代码
    inspectors = sorted(inspectors)    # 执法证号
    chosen = pick(seed, "targets", targets, count)
    return [{"target": t, "inspectors": pick(seed, f"inspectors:{j}", inspectors, per_target)}
            for j, t in enumerate(chosen)]

data = json.load(open("draw.json", encoding="utf-8"))   # 从本页下载
result = run(data["seed"], [t[0] for t in data["target_pool"]], [i[0] for i in data["inspector_pool"]],
             data["target_count"], data["inspectors_per_target"])
print(result == data["result"])
'''


def new_seed() -> str:
    return secrets.token_hex(16)


def _numbers(seed: str, label: str):
    i = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{label}:{i}".encode("utf-8")).digest()
        yield int.from_bytes(digest[:8], "big")
        i += 1


def pick(seed: str, label: str, items, k: int) -> list:
    items, stream = list(items), _numbers(seed, label)
    if k > len(items):
        raise ValueError("k exceeds the pool")
    for p in range(k):
        n = len(items) - p
        limit = _SPACE - (_SPACE % n)
        r = next(stream)
        while r >= limit:
            r = next(stream)
        q = p + r % n
        items[p], items[q] = items[q], items[p]
    return items[:k]


def run(seed: str, targets, inspectors, count: int, per_target: int) -> list[dict]:
    """Draw ``count`` targets and ``per_target`` inspectors for each. Pools are lists of codes (strings)."""
    targets, inspectors = sorted(targets), sorted(inspectors)
    chosen = pick(seed, "targets", targets, count)
    return [{"target": t, "inspectors": pick(seed, f"inspectors:{j}", inspectors, per_target)}
            for j, t in enumerate(chosen)]


def rerun(draw) -> tuple[bool, list[dict]]:
    """Re-run a recorded draw from its published seed and pools; (same result?, recomputed result)."""
    again = run(draw.seed, [t[0] for t in draw.target_pool], [i[0] for i in draw.inspector_pool],
                draw.target_count, draw.inspectors_per_target)
    return again == draw.result, again


def published_data(draw) -> dict:
    """What the portal publishes for a draw (and offers as draw.json)."""
    return {
        "number": draw.number, "title": draw.title, "algorithm": draw.algorithm, "seed": draw.seed,
        "target_count": draw.target_count, "inspectors_per_target": draw.inspectors_per_target,
        "target_pool": draw.target_pool, "inspector_pool": draw.inspector_pool, "result": draw.result,
        "drawn_at": draw.drawn_at.isoformat() if draw.drawn_at else None,
    }
