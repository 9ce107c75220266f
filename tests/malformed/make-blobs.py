#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write malformed variants of a valid blob, one file per damage kind.

usage: make-blobs.py GOOD.dtb OUTDIR
Each output is named after what is wrong with it; ncpolicy must refuse
every one with exit 2 and a one-line reason: the one in NAME.reason, which
follows "ncpolicy: FILE: ". The blobs in OUTDIR/accepted/ are valid in
ways dtc does not write, and must give the same output as GOOD.dtb.
"""
import os
import struct
import sys

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9
HDR = ['magic', 'totalsize', 'off_dt_struct', 'off_dt_strings',
       'off_mem_rsvmap', 'version', 'last_comp_version',
       'boot_cpuid_phys', 'size_dt_strings', 'size_dt_struct']


VALID = 'not a valid device tree blob: '
MAGIC = VALID + 'bad magic number (FDT_ERR_BADMAGIC)'
VERSION = VALID + 'unsupported version (FDT_ERR_BADVERSION)'
TRUNC = (VALID + 'truncated: a block or a string runs past the end '
         '(FDT_ERR_TRUNCATED)')
STRUCT = VALID + 'corrupt structure block (FDT_ERR_BADSTRUCTURE)'
OFFSET = VALID + 'offset out of range (FDT_ERR_BADOFFSET)'


def short(n):
    return 'not a device tree blob: %d byte(s), shorter than a header' % n


def old(version):
    return ('not a supported device tree blob: version %d is older than 16'
            % version)


def header(b):
    return dict(zip(HDR, struct.unpack('>10I', b[:40])))


def set_field(b, name, value):
    b = bytearray(b)
    struct.pack_into('>I', b, 4 * HDR.index(name), value & 0xffffffff)
    return bytes(b)


def tokens(b):
    """Yield (offset, token) for each structure-block token."""
    h = header(b)
    off, end = h['off_dt_struct'], h['off_dt_struct'] + h['size_dt_struct']
    while off < end:
        tok = struct.unpack_from('>I', b, off)[0]
        yield off, tok
        if tok == FDT_BEGIN_NODE:
            n = b.index(b'\0', off + 4) - (off + 4) + 1
            off += 4 + ((n + 3) & ~3)
        elif tok == FDT_PROP:
            ln = struct.unpack_from('>I', b, off + 4)[0]
            off += 12 + ((ln + 3) & ~3)
        else:
            off += 4


def first(b, want, nth=0):
    return [o for o, t in tokens(b) if t == want][nth]


def patch(b, off, data):
    b = bytearray(b)
    b[off:off + len(data)] = data
    return bytes(b)


def main():
    good = open(sys.argv[1], 'rb').read()
    out = sys.argv[2]
    h = header(good)
    size = len(good)
    prop = first(good, FDT_PROP)
    node = first(good, FDT_BEGIN_NODE, 1)
    end = first(good, FDT_END)
    strings_end = h['off_dt_strings'] + h['size_dt_strings']
    cases = {
        'empty': (b'', short(0)),
        'one-byte': (good[:1], short(1)),
        # A version-1 header is 28 bytes: one less is refused by its size.
        'v1-header-less-one': (good[:27], short(27)),
        'v1-header': (good[:28], TRUNC),
        'short-header': (good[:39], TRUNC),
        'header-only': (good[:40], TRUNC),
        'bad-magic': (patch(good, 0, b'\xd0\x0d\xfe\xee'), MAGIC),
        # Version 0 too: the magic is what is wrong.
        'zero-magic': (bytes(size), MAGIC),
        'truncated-half': (good[:size // 2], TRUNC),
        'truncated-last-byte': (good[:-1], TRUNC),
        'totalsize-huge': (set_field(good, 'totalsize', 0xffffffff), TRUNC),
        'totalsize-tiny': (set_field(good, 'totalsize', 8), TRUNC),
        'struct-offset-past-end': (
            set_field(good, 'off_dt_struct', size + 64), TRUNC),
        'struct-offset-misaligned': (
            set_field(good, 'off_dt_struct', h['off_dt_struct'] + 1), STRUCT),
        'strings-offset-past-end': (
            set_field(good, 'off_dt_strings', size + 64), TRUNC),
        'struct-size-huge': (
            set_field(good, 'size_dt_struct', 0xfffffff0), TRUNC),
        'strings-size-huge': (
            set_field(good, 'size_dt_strings', 0xfffffff0), TRUNC),
        'struct-size-wraps': (
            set_field(good, 'size_dt_struct',
                      0x100000000 - h['off_dt_struct']), TRUNC),
        'rsvmap-past-end': (
            set_field(good, 'off_mem_rsvmap', size + 64), TRUNC),
        'version-too-new': (set_field(
            set_field(good, 'version', 99), 'last_comp_version', 99),
            VERSION),
        'version-too-old': (set_field(good, 'version', 1), old(1)),
        'version-15': (set_field(good, 'version', 15), old(15)),
        'version-2': (set_field(good, 'version', 2), old(2)),
        'bad-tag': (patch(good, prop, struct.pack('>I', 0x77)), STRUCT),
        'end-tag-early': (patch(good, node, struct.pack('>I', FDT_END)),
                          STRUCT),
        'no-end-tag': (patch(good, end, struct.pack('>I', FDT_NOP)), STRUCT),
        'extra-end-node': (patch(good, prop, struct.pack('>I', FDT_END_NODE)),
                           STRUCT),
        'missing-end-node': (patch(good, end - 4, struct.pack('>I', FDT_NOP)),
                             STRUCT),
        'prop-len-huge': (patch(good, prop + 4, struct.pack('>I', 0x7ffffff0)),
                          TRUNC),
        'prop-len-negative': (patch(good, prop + 4,
                                    struct.pack('>I', 0xfffffffc)), TRUNC),
        'prop-len-wraps-to-itself': (patch(good, prop + 4,
                                           struct.pack('>I', 0xfffffff4)),
                                     TRUNC),
        'prop-nameoff-past-strings': (patch(good, prop + 8,
                                            struct.pack('>I', 0x7fffffff)),
                                      OFFSET),
        'strings-unterminated': (patch(good, strings_end - 1, b'x'), TRUNC),
        'node-name-unterminated': (patch(
            set_field(good, 'size_dt_struct', node + 8 - h['off_dt_struct']),
            node + 4, b'abcd'), STRUCT),
        # An unknown tag is a corrupt structure, whatever follows it (here
        # a property whose length runs past the end).
        'unknown-tag-then-prop-len-wraps': (patch(good, prop, struct.pack(
            '>4I', 0x77, FDT_PROP, 0xfffffff4, 0)), STRUCT),
        'random-bytes': (bytes((i * 131 + 7) & 0xff for i in range(size)),
                         MAGIC),
    }
    # Valid all the same: the first property (the root's #address-cells,
    # 16 bytes) as four NOP tags, which every reader skips.
    os.makedirs(f'{out}/accepted', exist_ok=True)
    with open(f'{out}/accepted/nop-tags.dtb', 'wb') as f:
        f.write(patch(good, prop, struct.pack('>4I', *[FDT_NOP] * 4)))
    for name, (data, reason) in cases.items():
        with open(f'{out}/{name}.dtb', 'wb') as f:
            f.write(data)
        with open(f'{out}/{name}.reason', 'w') as f:
            f.write(reason + '\n')


if __name__ == '__main__':
    main()
