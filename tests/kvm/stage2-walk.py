# SPDX-License-Identifier: GPL-2.0
# gdb-multiarch -batch -ex 'python PORT=1234' -x tests/kvm/stage2-walk.py
#
# Walks the stage-2 tables of the KVM guest that tests/kvm/vmm.c runs in an
# L1 kernel under qemu-system-aarch64 -gdb tcp::PORT, while the VMM keeps
# the VM alive after the guest's reports, and prints each guest page's
# descriptor and memory type. Reads VTTBR_EL2 and VTCR_EL2 through QEMU's
# gdbstub (in VHE mode they keep the last VM's values) and the tables from
# L1's physical memory (Qqemu.PhyMemMode). Used by hand for
# docs/kvm-stage2.md; 4K granule and a walk starting at level 1 only.
import gdb

gdb.execute("set pagination off")
gdb.execute("target remote :%d" % PORT)
vttbr = int(gdb.parse_and_eval("$VTTBR_EL2")) & 0xfffffffffffe
vtcr = int(gdb.parse_and_eval("$VTCR_EL2"))
gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)
inf = gdb.selected_inferior()
print("VTTBR_EL2 BADDR 0x%x VTCR_EL2 0x%x" % (vttbr, vtcr))
if (vtcr >> 14) & 3 != 0 or (vtcr >> 6) & 3 != 1:
    raise gdb.GdbError("not a 4K granule walk from level 1")

# Stage-2 MemAttr[3:0]: the same values with and without FEAT_S2FWB for
# these two, which is what matters here (arch/arm64/include/asm/memory.h).
NAMES = {0x1: "Device-nGnRE", 0x5: "Normal-NC", 0x6: "Normal-WB (FWB)",
         0xf: "Normal-WB"}


def read64(pa):
    return int.from_bytes(inf.read_memory(pa, 8).tobytes(), "little")


for ipa in (0x0, 0x1000, 0x40000000):
    table, level, path = vttbr, 1, []
    while True:
        # Level 1 of a 40-bit IPA space is two concatenated tables.
        idx = (ipa >> (39 - 9 * level)) & (0x3ff if level == 1 else 0x1ff)
        desc = read64(table + 8 * idx)
        path.append("L%d[%d]=0x%x" % (level, idx, desc))
        if not desc & 1:
            print("ipa 0x%x: %s not mapped" % (ipa, " ".join(path)))
            break
        if level < 3 and desc & 2:
            table, level = desc & 0xfffffffff000, level + 1
            continue
        attr = (desc >> 2) & 0xf
        print("ipa 0x%x -> pa 0x%x MemAttr 0x%x %s (%s)" %
              (ipa, desc & 0xfffffffff000, attr, NAMES.get(attr, "?"),
               " ".join(path)))
        break
gdb.execute("detach")
