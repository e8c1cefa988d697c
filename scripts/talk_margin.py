#!/usr/bin/env python3
"""Talk-helps margin from tournament shard files (docs/benchmarks.md, "Does talk help?").

Per game: the mean score of the seats of bot TALKER minus the mean score of the other seats, for
two scores: sum-of-squares (SoS = centres² / Σ centres², 1 to a solo winner and 0 to the others)
and supply centres. Prints each margin's mean over the games of all the files given, with a 95%
interval (mean ± 1.96·sd/√n).

    python3 scripts/talk_margin.py OUT/shard-1-of-1.json [MORE.json ...] [--talker NAME]
"""
import json
import math
import sys


def margins(path, talker):
    with open(path) as f:
        shard = json.load(f)
    for result in shard["results"]:
        seats = result["seats"]
        centres = {s["power"]: s["centers"] for s in seats}
        solo = [p for p, n in centres.items() if n >= 18]
        total = sum(n * n for n in centres.values()) or 1
        sos = {p: (1.0 if p in solo else 0.0) if solo else n * n / total for p, n in centres.items()}
        ours = [s["power"] for s in seats if s["bot"] == talker]
        theirs = [s["power"] for s in seats if s["bot"] != talker]
        if not ours or not theirs:
            sys.exit(f"{path}: game {result['game']} has no seat of {talker!r} or no other seat")
        mean = lambda score, powers: sum(score[p] for p in powers) / len(powers)
        yield mean(sos, ours) - mean(sos, theirs), mean(centres, ours) - mean(centres, theirs)


def summary(name, xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) if n > 1 else float("nan")
    h = 1.96 * sd / math.sqrt(n)
    return f"{name}: {m:+.4f}, 95% CI [{m - h:+.4f}, {m + h:+.4f}]"


def main(argv):
    talker = "talker"
    if "--talker" in argv:
        i = argv.index("--talker")
        talker = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if not argv:
        sys.exit(__doc__)
    rows = [row for path in argv for row in margins(path, talker)]
    print(f"{len(rows)} games, {talker!r} seats minus the others")
    print(summary("SoS margin", [r[0] for r in rows]))
    print(summary("centre margin", [r[1] for r in rows]))


if __name__ == "__main__":
    main(sys.argv[1:])
