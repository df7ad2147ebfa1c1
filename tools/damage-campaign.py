#!/usr/bin/env python3
"""damage-campaign.py — the figures of a damaged-file campaign.

    tools/damage-campaign.py BANGFU [ROUNDS] [SEED]

Makes a demo database, then for each round damages a copy of its data.mdb
(cut short, 1-4 bits flipped anywhere, a page zeroed, or 1-4 bits flipped
inside the used pages) and runs six commands on it: check, status, find,
list, export dump and report overdue. Prints how many runs there were, how
many died by a signal (the goal is none), and of the rounds whose data
changed (the export differs from the sound database's, or a command stopped
with exit 3), how many `check` called sound (the goal is none). Needs nothing but the binary; uses a
temporary folder of its own.
"""
import os, random, shutil, subprocess, sys, tempfile

def run(bangfu, db, args, out=None):
    p = subprocess.run([bangfu, "--db", db] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stdout

def main():
    bangfu = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    tmp = tempfile.mkdtemp(prefix="bangfu-damage-")
    src = os.path.join(tmp, "src")
    rc, _ = run(bangfu, src, ["demo", "--seed", "7"])
    assert rc == 0, "demo failed"
    rc, sound = run(bangfu, src, ["export", "dump"])
    assert rc == 0
    data = open(os.path.join(src, "data.mdb"), "rb").read()
    size, page = len(data), 4096
    cmds = [["check"], [], ["find", "王"], ["list", "students"],
            ["export", "dump"], ["report", "overdue", "--college", "计算机科学与技术学院"]]
    runs = signals = changed = missed = 0
    kinds = {}
    for r in range(rounds):
        db = os.path.join(tmp, "db")
        shutil.rmtree(db, ignore_errors=True)
        shutil.copytree(src, db)
        buf = bytearray(data)
        kind = rng.choice(["truncate", "flip", "zero", "flip-used"])
        if kind == "truncate":
            buf = buf[:rng.randrange(page, size)]
        elif kind == "flip" or kind == "flip-used":
            lo = 2 * page if kind == "flip-used" else 0
            for _ in range(rng.randint(1, 4)):
                off = rng.randrange(lo, size)
                buf[off] ^= 1 << rng.randrange(8)
        else:
            pg = rng.randrange(size // page)
            buf[pg * page:(pg + 1) * page] = bytes(page)
        open(os.path.join(db, "data.mdb"), "wb").write(buf)
        kinds[kind] = kinds.get(kind, 0) + 1
        results = {}
        for c in cmds:
            rc, out = run(bangfu, db, c)
            runs += 1
            if rc < 0:
                signals += 1
                print("signal %d: round %d (%s) %s" % (-rc, r, kind, " ".join(c)), file=sys.stderr)
            results[c[0] if c else "status"] = (rc, out)
        drc, dump = results["export"]
        hurt = (drc == 0 and dump != sound) or any(v[0] == 3 for k, v in results.items() if k != "check")
        if hurt:
            changed += 1
            if results["check"][0] == 0:
                missed += 1
                print("missed: round %d (%s): %s, export %s" % (
                    r, kind, " ".join("%s=%d" % (k, v[0]) for k, v in results.items()),
                    "differs" if drc == 0 and dump != sound else "rc %d" % drc), file=sys.stderr)
                keep = os.environ.get("DAMAGE_KEEP")
                if keep:
                    shutil.copytree(db, os.path.join(keep, "round-%d" % r))
                    open(os.path.join(keep, "round-%d" % r, "sound.jsonl"), "wb").write(sound)
                    open(os.path.join(keep, "round-%d" % r, "damaged.jsonl"), "wb").write(dump)
    shutil.rmtree(tmp, ignore_errors=True)
    print("rounds %d (%s)" % (rounds, ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    print("runs %d, died by a signal %d" % (runs, signals))
    print("rounds whose data changed (an export differs, or a command stopped on damage) %d, "
          "called sound by check %d" % (changed, missed))
    return 1 if signals or missed else 0

if __name__ == "__main__":
    sys.exit(main())
