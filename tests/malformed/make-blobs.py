#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write malformed variants of a valid blob, one file per damage kind.

usage: make-blobs.py GOOD.dtb OUTDIR
Each output is named after what is wrong with it; ncpolicy must refuse
every one with exit 2 and a one-line reason.
"""
import struct
import sys

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9
HDR = ['magic', 'totalsize', 'off_dt_struct', 'off_dt_strings',
       'off_mem_rsvmap', 'version', 'last_comp_version',
       'boot_cpuid_phys', 'size_dt_strings', 'size_dt_struct']


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
        'empty': b'',
        'one-byte': good[:1],
        'short-header': good[:39],
        'header-only': good[:40],
        'bad-magic': patch(good, 0, b'\xd0\x0d\xfe\xee'),
        'zero-magic': bytes(size),
        'truncated-half': good[:size // 2],
        'truncated-last-byte': good[:-1],
        'totalsize-huge': set_field(good, 'totalsize', 0xffffffff),
        'totalsize-tiny': set_field(good, 'totalsize', 8),
        'struct-offset-past-end': set_field(good, 'off_dt_struct', size + 64),
        'struct-offset-misaligned': set_field(good, 'off_dt_struct',
                                              h['off_dt_struct'] + 1),
        'strings-offset-past-end': set_field(good, 'off_dt_strings',
                                             size + 64),
        'struct-size-huge': set_field(good, 'size_dt_struct', 0xfffffff0),
        'strings-size-huge': set_field(good, 'size_dt_strings', 0xfffffff0),
        'struct-size-wraps': set_field(good, 'size_dt_struct',
                                       0x100000000 - h['off_dt_struct']),
        'rsvmap-past-end': set_field(good, 'off_mem_rsvmap', size + 64),
        'version-too-new': set_field(
            set_field(good, 'version', 99), 'last_comp_version', 99),
        'version-too-old': set_field(good, 'version', 1),
        'version-15': set_field(good, 'version', 15),
        'version-2': set_field(good, 'version', 2),
        'bad-tag': patch(good, prop, struct.pack('>I', 0x77)),
        'end-tag-early': patch(good, node, struct.pack('>I', FDT_END)),
        'no-end-tag': patch(good, end, struct.pack('>I', FDT_NOP)),
        'extra-end-node': patch(good, prop, struct.pack('>I', FDT_END_NODE)),
        'missing-end-node': patch(good, end - 4, struct.pack('>I', FDT_NOP)),
        'prop-len-huge': patch(good, prop + 4, struct.pack('>I', 0x7ffffff0)),
        'prop-len-negative': patch(good, prop + 4,
                                   struct.pack('>I', 0xfffffffc)),
        'prop-len-wraps-to-itself': patch(good, prop + 4,
                                          struct.pack('>I', 0xfffffff4)),
        'prop-nameoff-past-strings': patch(good, prop + 8,
                                           struct.pack('>I', 0x7fffffff)),
        'strings-unterminated': patch(good, strings_end - 1, b'x'),
        'node-name-unterminated': patch(
            set_field(good, 'size_dt_struct', node + 8 - h['off_dt_struct']),
            node + 4, b'abcd'),
        'random-bytes': bytes((i * 131 + 7) & 0xff for i in range(size)),
    }
    for name, data in cases.items():
        with open(f'{out}/{name}.dtb', 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
