/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normal-nc-mmio resolution rules, shared by the kernel and the ncpolicy
 * tool. This header and normal_nc_mmio_rules.c depend only on
 * <linux/types.h>, <linux/string.h>, <linux/array_size.h> and
 * <linux/build_bug.h>; user space
 * builds them against small compatible headers (scripts/ncpolicy/include/),
 * the way tools/include/ serves tools/.
 */
#ifndef DRIVERS_PCI_NORMAL_NC_MMIO_RULES_H
#define DRIVERS_PCI_NORMAL_NC_MMIO_RULES_H

#include <linux/types.h>

#define NC_MMIO_PROP		"normal-nc-mmio"
#define NC_MMIO_PARAM		"normal_nc_mmio"

/* The final answer for one host bridge. Zero is unsafe on purpose. */
enum nc_mmio_verdict {
	NC_MMIO_UNSAFE = 0,
	NC_MMIO_SAFE,
};

/* What one property value or one kernel parameter value says. */
enum nc_mmio_value {
	NC_MMIO_VALUE_ABSENT = 0,	/* no property, no parameter, "firmware" */
	NC_MMIO_VALUE_SAFE,
	NC_MMIO_VALUE_UNSAFE,
	NC_MMIO_VALUE_INVALID,		/* present but not understood */
};

/* Which rule decided. */
enum nc_mmio_source {
	NC_MMIO_SRC_CMDLINE,
	NC_MMIO_SRC_QUIRK,
	NC_MMIO_SRC_FIRMWARE,
	NC_MMIO_SRC_DEFAULT,
};

/**
 * NC_MMIO_SOC_ID() - an SMCCC SoC_ID_version, as a quirk entry matches it
 * @bank: JEP106 bank index (the number of continuation codes), 0-0x7f
 * @identity: JEP106 identity code with its parity bit cleared, 0-0x7f
 * @soc: the implementation-defined SoC ID
 */
#define NC_MMIO_SOC_ID(bank, identity, soc) \
	((u32)(bank) << 24 | (u32)(identity) << 16 | (u32)(soc))

/**
 * struct nc_mmio_soc_id - the SoC as firmware identifies it (SMCCC SoC_ID)
 * @version: SoC_ID_version, arm_smccc_get_soc_id_version(): JEP106 bank
 *	     in bits 30:24, JEP106 identity in bits 23:16, SoC ID in bits
 *	     15:0; negative (SMCCC_RET_NOT_SUPPORTED) when firmware has none
 * @revision: SoC_ID_revision, arm_smccc_get_soc_id_revision(); negative
 *	      when firmware does not report it
 */
struct nc_mmio_soc_id {
	s32 version;
	s32 revision;
};

/**
 * struct nc_mmio_quirk - a known-unsafe platform
 * @name: source suffix, reported as "quirk:@name"
 * @compatible: matches a compatible of the bridge or of the root, or NULL
 * @vendor: PCI vendor ID of a device below the bridge (0 if unused)
 * @device: PCI device ID of a device below the bridge
 * @soc_id: SoC_ID_version of an affected SoC, from NC_MMIO_SOC_ID() (0 if
 *	    unused); such an entry covers every host bridge of the system
 * @soc_rev_min: lowest affected SoC_ID_revision
 * @soc_rev_max: highest affected SoC_ID_revision
 */
struct nc_mmio_quirk {
	const char *name;
	const char *compatible;
	u16 vendor;
	u16 device;
	u32 soc_id;
	u32 soc_rev_min;
	u32 soc_rev_max;
};

/**
 * struct nc_mmio_facts - what the environment found for one host bridge
 * @param: the kernel parameter (last occurrence), ABSENT if none/"firmware"
 * @soc_quirk: the first quirk that matches the SoC by its SoC ID, or NULL;
 *	       it covers every bridge, so it is reported before @quirk
 * @quirk: the first quirk that matches the bridge, or NULL
 * @firmware: value of the nearest normal-nc-mmio, ABSENT if none
 * @default_safe: the build-time default (rule 4)
 */
struct nc_mmio_facts {
	enum nc_mmio_value param;
	const struct nc_mmio_quirk *soc_quirk;
	const struct nc_mmio_quirk *quirk;
	enum nc_mmio_value firmware;
	bool default_safe;
};

/**
 * struct nc_mmio_decision - outcome of nc_mmio_decide()
 * @verdict: safe or unsafe
 * @source: the rule that decided
 * @quirk: the quirk when @source is NC_MMIO_SRC_QUIRK, else NULL
 */
struct nc_mmio_decision {
	enum nc_mmio_verdict verdict;
	enum nc_mmio_source source;
	const struct nc_mmio_quirk *quirk;
};

enum nc_mmio_value nc_mmio_parse_value(const void *val, size_t len);
enum nc_mmio_value nc_mmio_parse_param(const char *val);
bool nc_mmio_parse_pci_compatible(const char *compat, u16 *vendor,
				  u16 *device);
const struct nc_mmio_quirk *
nc_mmio_quirk_match_compatible(const struct nc_mmio_quirk *table, size_t n,
			       const char *compat);
const struct nc_mmio_quirk *
nc_mmio_quirk_match_pci_id(const struct nc_mmio_quirk *table, size_t n,
			   u16 vendor, u16 device);
const struct nc_mmio_quirk *
nc_mmio_quirk_match_soc_id(const struct nc_mmio_quirk *table, size_t n,
			   const struct nc_mmio_soc_id *soc);
const struct nc_mmio_quirk *nc_mmio_quirk_by_compatible(const char *compat);
const struct nc_mmio_quirk *nc_mmio_quirk_by_pci_id(u16 vendor, u16 device);
const struct nc_mmio_quirk *
nc_mmio_quirk_by_soc_id(const struct nc_mmio_soc_id *soc);
void nc_mmio_decide(const struct nc_mmio_facts *facts,
		    struct nc_mmio_decision *d);
const char *nc_mmio_verdict_name(enum nc_mmio_verdict verdict);
const char *nc_mmio_source_name(enum nc_mmio_source source);

#endif /* DRIVERS_PCI_NORMAL_NC_MMIO_RULES_H */
