#!/usr/bin/env python3
"""gen-pinyin.py — writes src/util/pinyin_table.c from go-pinyin's dictionary.

Usage (from the top of the source tree):

    cd /tmp && apt-get download golang-github-mozillazg-go-pinyin-dev \\
      && dpkg -x golang-github-mozillazg-go-pinyin-dev_*.deb x
    python3 tools/gen-pinyin.py \\
      /tmp/x/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go \\
      tools/surnames.txt > src/util/pinyin_table.c

Input: pinyin_dict.go (lines like `0x5355: "dān,chán,shàn",`) and
tools/surnames.txt (see its header). Output: a C file with
 - pinyin_pool: every distinct reading list, toneless ("dan,chan,shan"), ü
   written v, NUL-terminated, back to back;
 - pinyin_ranges / pinyin_offsets: code points in ascending order, grouped
   into ranges of (nearly) consecutive code points; the offset of each code
   point's list in the pool, PINYIN_NONE for small gaps;
 - pinyin_surnames: the surname readings, sorted by code point.
The layout is declared in src/util/pinyin.h. Standard library only.
"""

import hashlib
import os
import re
import sys
import unicodedata

PACKAGE = "golang-github-mozillazg-go-pinyin-dev"
VERSION = "0.19.0+ds.1-1+b6"
NONE = 0xFFFF
MAX_GAP = 8          # gaps up to this many code points are filled with NONE
PER_LINE = 12


def die(msg):
    sys.stderr.write("gen-pinyin: %s\n" % msg)
    sys.exit(1)


def toneless(reading, where):
    """'lǚ' -> 'lv', 'shàn' -> 'shan', 'ê̄' -> 'e', 'ḿ' -> 'm'."""
    s = unicodedata.normalize("NFD", reading.strip())
    s = s.replace("u\u0308", "v")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    if not re.fullmatch(r"[a-z]+", s):
        die("%s: cannot make a toneless reading of %r (got %r)" % (where, reading, s))
    return s


def reading_list(readings, where):
    out = []
    for r in readings.split(","):
        t = toneless(r, where)
        if t not in out:
            out.append(t)
    return ",".join(out)


def read_dict(path):
    table = {}
    pat = re.compile(r'^\s*0x([0-9A-Fa-f]+):\s*"([^"]*)",\s*$')
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = pat.match(line)
            if not m:
                continue
            cp = int(m.group(1), 16)
            if cp in table:
                die("%s:%d: U+%04X twice" % (path, n, cp))
            table[cp] = reading_list(m.group(2), "%s:%d" % (path, n))
    if len(table) < 30000:
        die("%s: only %d entries; is this pinyin_dict.go?" % (path, len(table)))
    return table


def read_surnames(path, table):
    out = []
    seen = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            name, readings = parts[0], parts[1:]
            where = "%s:%d" % (path, n)
            if len(name) not in (1, 2) or len(readings) != len(name):
                die("%s: want a surname of 1 or 2 characters and one reading each" % where)
            if name in seen:
                die("%s: %s twice" % (where, name))
            seen.add(name)
            for ch in name:
                if ord(ch) not in table:
                    die("%s: %s has no entry in the dictionary" % (where, ch))
            rs = [reading_list(r, where) for r in readings]
            cps = [ord(c) for c in name] + [0] * (2 - len(name))
            out.append((cps, rs + [""] * (2 - len(rs)), name))
    # Sorted by first code point, then compound (longer) surnames first so
    # that the matcher meets 尉迟 before 尉.
    out.sort(key=lambda e: (e[0][0], e[0][1] == 0))
    return out


def c_string(s):
    b = s.encode("utf-8")
    return '"' + "".join(chr(c) if 32 <= c < 127 and chr(c) not in '"\\' else "\\%03o" % c
                         for c in b) + '"'


def main(argv):
    if len(argv) != 3:
        die("usage: gen-pinyin.py PINYIN_DICT_GO SURNAMES_TXT > src/util/pinyin_table.c")
    dict_path, surnames_path = argv[1], argv[2]
    with open(dict_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    table = read_dict(dict_path)
    surnames = read_surnames(surnames_path, table)

    # The pool: each distinct reading list once, in order of first use.
    pool_off = {}
    pool = []
    size = 0
    for cp in sorted(table):
        s = table[cp]
        if s not in pool_off:
            pool_off[s] = size
            pool.append(s)
            size += len(s) + 1
    if size >= NONE:
        die("pool of %d bytes does not fit 16-bit offsets" % size)

    # Ranges of nearly consecutive code points.
    cps = sorted(table)
    ranges = []          # (first, last, index)
    offsets = []
    for cp in cps:
        if ranges and cp - ranges[-1][1] <= MAX_GAP + 1:
            first, last, index = ranges[-1]
            offsets.extend([NONE] * (cp - last - 1))
            ranges[-1] = (first, cp, index)
        else:
            ranges.append((cp, cp, len(offsets)))
        offsets.append(pool_off[table[cp]])

    w = sys.stdout.write
    w("/* pinyin_table.c — GENERATED by tools/gen-pinyin.py; do not edit.\n")
    w(" *\n")
    w(" * Source: Debian package %s %s (go-pinyin 0.19.0),\n" % (PACKAGE, VERSION))
    w(" * file pinyin_dict.go (sha256 %s),\n" % digest)
    w(" * Copyright 2016 mozillazg, licence MIT (Expat); data from\n")
    w(" * https://github.com/mozillazg/pinyin-data. Surname readings: tools/surnames.txt.\n")
    w(" *\n")
    w(" * Regenerate (from the top of the source tree):\n")
    w(" *   cd /tmp && apt-get download %s \\\n" % PACKAGE)
    w(" *     && dpkg -x %s_*.deb x && cd -\n" % PACKAGE)
    w(" *   python3 tools/gen-pinyin.py \\\n")
    w(" *     /tmp/x/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go \\\n")
    w(" *     tools/surnames.txt > src/util/pinyin_table.c\n")
    w(" *\n")
    w(" * %d code points, %d distinct reading lists (%d bytes), %d ranges,\n"
      % (len(table), len(pool), size, len(ranges)))
    w(" * %d surnames. */\n" % len(surnames))
    w('#include "config.h"\n#include "util/pinyin.h"\n\n#include <stddef.h>\n\n')

    w("const char pinyin_pool[] =\n")
    for s in pool:
        w('\t"%s\\0"\n' % s)
    w("\t;\n\n")

    w("const struct pinyin_range pinyin_ranges[] = {\n")
    for first, last, index in ranges:
        w("\t{ 0x%04X, 0x%04X, %d },\n" % (first, last, index))
    w("};\n")
    w("const size_t pinyin_nranges = sizeof pinyin_ranges / sizeof pinyin_ranges[0];\n\n")

    w("const uint16_t pinyin_offsets[] = {\n")
    for i in range(0, len(offsets), PER_LINE):
        w("\t" + ", ".join("%d" % o for o in offsets[i:i + PER_LINE]) + ",\n")
    w("};\n\n")

    w("const struct pinyin_surname pinyin_surnames[] = {\n")
    for cps2, rs, name in surnames:
        w("\t{ { 0x%04X, 0x%04X }, { %s, %s } },   /* %s */\n"
          % (cps2[0], cps2[1], c_string(rs[0]), c_string(rs[1]), name))
    w("};\n")
    w("const size_t pinyin_nsurnames = sizeof pinyin_surnames / sizeof pinyin_surnames[0];\n")


if __name__ == "__main__":
    main(sys.argv)
