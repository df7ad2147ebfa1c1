#!/usr/bin/env python3
"""gen-pinyin.py — writes src/util/pinyin_table.c from go-pinyin's dictionary
and Unihan's variants.

Usage (from the top of the source tree):

    cd /tmp && apt-get download golang-github-mozillazg-go-pinyin-dev unicode-data \\
      && dpkg -x golang-github-mozillazg-go-pinyin-dev_*.deb x \\
      && dpkg -x unicode-data_*.deb x && cd -
    python3 tools/gen-pinyin.py \\
      /tmp/x/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go \\
      /tmp/x/usr/share/unicode/Unihan_Variants.txt.bz2 \\
      tools/surnames.txt tools/name-variants.txt > src/util/pinyin_table.c

Input: pinyin_dict.go (lines like `0x5355: "dān,chán,shàn",`; it holds every
reading Unihan has, extension B and later included), Unihan_Variants.txt
(.bz2 or plain; lines like `U+5409<TAB>kSpoofingVariant<TAB>U+20BB7`),
tools/surnames.txt and tools/name-variants.txt (see their headers).

A character the dictionary gives no reading (𠮷, U+20BB7, has none in
Unihan either) borrows the readings of its variants that have some: the
first of kZVariant, kSimplifiedVariant, kTraditionalVariant,
kSemanticVariant, kSpecializedSemanticVariant that names one; a look-alike
(kSpoofingVariant) only when tools/name-variants.txt lists the pair. Such a
character is also found as the first variant it borrowed from (its base).

Output: a C file with
 - pinyin_pool: every distinct reading list, toneless ("dan,chan,shan"), ü
   written v, NUL-terminated, back to back;
 - pinyin_ranges / pinyin_offsets: code points in ascending order, grouped
   into ranges of (nearly) consecutive code points; the offset of each code
   point's list in the pool, PINYIN_NONE for small gaps;
 - pinyin_surnames: the surname readings, sorted by code point;
 - pinyin_variants: each borrowing character and its base, sorted.
The layout is declared in src/util/pinyin.h. Standard library only.
"""

import bz2
import hashlib
import os
import re
import sys
import unicodedata

PACKAGE = "golang-github-mozillazg-go-pinyin-dev"
VERSION = "0.19.0+ds.1-1+b6"
UNIHAN_PACKAGE = "unicode-data"
UNIHAN_VERSION = "15.0.0-1"
# The variant fields a character without a reading borrows from, in order.
BORROW = ("kZVariant", "kSimplifiedVariant", "kTraditionalVariant",
          "kSemanticVariant", "kSpecializedSemanticVariant")
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


def read_variants(path):
    """{cp: {field: [cp, ...]}} from Unihan_Variants.txt."""
    out = {}
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[0].startswith("U+"):
                die("%s:%d: not a Unihan line" % (path, n))
            cp = int(parts[0][2:], 16)
            # "U+5409" or "U+5409<kMatthews": the code point before any source.
            targets = [int(t.split("<")[0][2:], 16) for t in parts[2].split()]
            out.setdefault(cp, {}).setdefault(parts[1], []).extend(targets)
    if len(out) < 5000:
        die("%s: only %d characters; is this Unihan_Variants.txt?" % (path, len(out)))
    return out


def read_name_variants(path, variants):
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            where = "%s:%d" % (path, n)
            if len(parts) != 2 or len(parts[0]) != 1 or len(parts[1]) != 1:
                die("%s: want a character and its base" % where)
            cp, base = ord(parts[0]), ord(parts[1])
            if base not in variants.get(cp, {}).get("kSpoofingVariant", []):
                die("%s: Unihan does not give %s as a kSpoofingVariant of %s"
                    % (where, parts[1], parts[0]))
            out[cp] = base
    return out


def borrow(table, variants, listed):
    """Adds readings for characters without any; returns {cp: base}."""
    own = dict(table)    # borrowed only from the dictionary's own readings
    bases = {}
    for cp in sorted(variants):
        if cp in table or cp < 0x3400:
            continue
        fields = variants[cp]
        chosen = []
        for field in BORROW:
            chosen = [t for t in fields.get(field, []) if t in own]
            if chosen:
                break
        if not chosen and cp in listed:
            chosen = [listed[cp]] if listed[cp] in own else []
        if not chosen:
            continue
        readings = []
        for t in chosen:
            for r in own[t].split(","):
                if r not in readings:
                    readings.append(r)
        bases[cp] = chosen[0]
        table[cp] = ",".join(readings)
    for cp in listed:
        if cp not in bases:
            die("name-variants: U+%04X has a reading of its own or its base has none" % cp)
    return bases


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
    if len(argv) != 5:
        die("usage: gen-pinyin.py PINYIN_DICT_GO UNIHAN_VARIANTS SURNAMES_TXT NAME_VARIANTS_TXT"
            " > src/util/pinyin_table.c")
    dict_path, variants_path, surnames_path, names_path = argv[1:5]
    with open(dict_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(variants_path, "rb") as f:
        vdigest = hashlib.sha256(f.read()).hexdigest()
    table = read_dict(dict_path)
    ndict = len(table)
    variants = read_variants(variants_path)
    bases = borrow(table, variants, read_name_variants(names_path, variants))
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
    w(" * https://github.com/mozillazg/pinyin-data.\n")
    w(" * Variants: Debian package %s %s (Unicode 15.0),\n" % (UNIHAN_PACKAGE, UNIHAN_VERSION))
    w(" * file %s (sha256 %s),\n" % (os.path.basename(variants_path), vdigest))
    w(" * Unicode licence. Surname readings: tools/surnames.txt; look-alike name\n")
    w(" * characters: tools/name-variants.txt.\n")
    w(" *\n")
    w(" * Regenerate (from the top of the source tree):\n")
    w(" *   cd /tmp && apt-get download %s %s \\\n" % (PACKAGE, UNIHAN_PACKAGE))
    w(" *     && dpkg -x %s_*.deb x \\\n" % PACKAGE)
    w(" *     && dpkg -x %s_*.deb x && cd -\n" % UNIHAN_PACKAGE)
    w(" *   python3 tools/gen-pinyin.py \\\n")
    w(" *     /tmp/x/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go \\\n")
    w(" *     /tmp/x/usr/share/unicode/Unihan_Variants.txt.bz2 \\\n")
    w(" *     tools/surnames.txt tools/name-variants.txt > src/util/pinyin_table.c\n")
    w(" *\n")
    w(" * %d code points (%d from the dictionary, %d borrowed from a variant),\n"
      % (len(table), ndict, len(bases)))
    w(" * %d distinct reading lists (%d bytes), %d ranges, %d surnames. */\n"
      % (len(pool), size, len(ranges), len(surnames)))
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
    w("const size_t pinyin_nsurnames = sizeof pinyin_surnames / sizeof pinyin_surnames[0];\n\n")

    w("const struct pinyin_variant pinyin_variants[] = {\n")
    for cp in sorted(bases):
        w("\t{ 0x%04X, 0x%04X },\n" % (cp, bases[cp]))
    w("};\n")
    w("const size_t pinyin_nvariants = sizeof pinyin_variants / sizeof pinyin_variants[0];\n")


if __name__ == "__main__":
    main(sys.argv)
