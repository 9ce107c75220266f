// SPDX-License-Identifier: GPL-2.0
/*
 * normal-nc-mmio resolution rules: may device memory behind a PCI host
 * bridge be mapped Normal-NC (write-combining)?
 *
 * This file is the one statement of the rules. The kernel builds it into
 * the PCI core and the ncpolicy tool builds the very same file against
 * libfdt, so the two cannot disagree. It must stay free of kernel-only and
 * libc-only calls: only <linux/string.h> string functions are used.
 *
 * Every doubt resolves to unsafe.
 */
#include <linux/array_size.h>
#include <linux/build_bug.h>
#include <linux/string.h>
#include <linux/types.h>

#include "normal_nc_mmio_rules.h"

/*
 * Platforms known to break on Normal-NC device mappings.
 *
 * Ampere Altra erratum 82288: Normal-NC accesses to PCIe memory can raise
 * uncontained errors. The erratum is SoC-wide, so every PCIe root complex
 * and root port ID of the SoC that pci.ids lists names it: whichever of
 * them a segment shows, the segment is on an affected SoC.
 */
#define NC_MMIO_ALTRA(dev) \
	{ .name = "ampere-altra-82288", .vendor = 0x1def, .device = (dev) }

static const struct nc_mmio_quirk nc_mmio_quirks[] = {
	NC_MMIO_ALTRA(0xe100),	/* Root Complex A */
	NC_MMIO_ALTRA(0xe101),	/* Root Complex A, root ports a0-a7 */
	NC_MMIO_ALTRA(0xe102),
	NC_MMIO_ALTRA(0xe103),
	NC_MMIO_ALTRA(0xe104),
	NC_MMIO_ALTRA(0xe105),
	NC_MMIO_ALTRA(0xe106),
	NC_MMIO_ALTRA(0xe107),
	NC_MMIO_ALTRA(0xe108),
	NC_MMIO_ALTRA(0xe110),	/* Root Complex B */
	NC_MMIO_ALTRA(0xe111),	/* Root Complex B, root ports b0-b7 */
	NC_MMIO_ALTRA(0xe112),
	NC_MMIO_ALTRA(0xe113),
	NC_MMIO_ALTRA(0xe114),
	NC_MMIO_ALTRA(0xe115),
	NC_MMIO_ALTRA(0xe116),
	NC_MMIO_ALTRA(0xe117),
	NC_MMIO_ALTRA(0xe118),
};

/**
 * nc_mmio_parse_value() - classify a raw normal-nc-mmio property value
 * @val: property bytes, may be NULL when @len is 0
 * @len: property length in bytes
 *
 * A value is valid only if it is exactly one NUL-terminated "safe" or
 * "unsafe": no trailing bytes, no second string, no other case. Nothing
 * beyond @len is read.
 *
 * Return: NC_MMIO_VALUE_SAFE, NC_MMIO_VALUE_UNSAFE or NC_MMIO_VALUE_INVALID.
 */
enum nc_mmio_value nc_mmio_parse_value(const void *val, size_t len)
{
	if (!val)
		return NC_MMIO_VALUE_INVALID;
	if (len == sizeof("safe") && !memcmp(val, "safe", len))
		return NC_MMIO_VALUE_SAFE;
	if (len == sizeof("unsafe") && !memcmp(val, "unsafe", len))
		return NC_MMIO_VALUE_UNSAFE;
	return NC_MMIO_VALUE_INVALID;
}

/**
 * nc_mmio_parse_param() - classify a normal_nc_mmio= kernel parameter value
 * @val: the text after '=', or NULL when the parameter has no '='
 *
 * "firmware" defers to the later rules, as if the parameter were absent.
 *
 * Return: NC_MMIO_VALUE_SAFE, NC_MMIO_VALUE_UNSAFE, NC_MMIO_VALUE_ABSENT
 * for "firmware", NC_MMIO_VALUE_INVALID for anything else.
 */
enum nc_mmio_value nc_mmio_parse_param(const char *val)
{
	if (!val)
		return NC_MMIO_VALUE_INVALID;
	if (!strcmp(val, "safe"))
		return NC_MMIO_VALUE_SAFE;
	if (!strcmp(val, "unsafe"))
		return NC_MMIO_VALUE_UNSAFE;
	if (!strcmp(val, "firmware"))
		return NC_MMIO_VALUE_ABSENT;
	return NC_MMIO_VALUE_INVALID;
}

/* One to four lower-case hex digits ending at @end; true on success. */
static bool nc_mmio_parse_hex16(const char *s, char end, u16 *out)
{
	unsigned int v = 0;
	int n;

	for (n = 0; s[n] != end; n++) {
		char c = s[n];

		if (n == 4)
			return false;
		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (c - 'a' + 10);
		else
			return false;
	}
	if (!n)
		return false;
	*out = v;
	return true;
}

/**
 * nc_mmio_parse_pci_compatible() - parse a "pciVVVV,DDDD" compatible
 * @compat: NUL-terminated compatible string
 * @vendor: set to the vendor ID on success
 * @device: set to the device ID on success
 *
 * Only the plain vendor,device form with lower-case hex is accepted; the
 * ".RR" and subsystem forms of the PCI bus binding name the same device
 * less directly and are not used for quirk matching.
 *
 * Return: true if @compat has that form.
 */
bool nc_mmio_parse_pci_compatible(const char *compat, u16 *vendor,
				  u16 *device)
{
	const char *comma;

	if (strncmp(compat, "pci", 3))
		return false;
	compat += 3;
	comma = strchr(compat, ',');
	if (!comma)
		return false;
	return nc_mmio_parse_hex16(compat, ',', vendor) &&
	       nc_mmio_parse_hex16(comma + 1, '\0', device);
}

/**
 * nc_mmio_quirk_match_compatible() - find a quirk for a compatible in a table
 * @table: quirk entries, searched in order
 * @n: number of entries in @table
 * @compat: one NUL-terminated compatible string of the bridge or the root
 *
 * Entries without a compatible never match here.
 *
 * Return: the first entry of @table whose compatible is @compat, or NULL.
 */
const struct nc_mmio_quirk *
nc_mmio_quirk_match_compatible(const struct nc_mmio_quirk *table, size_t n,
			       const char *compat)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].compatible && !strcmp(table[i].compatible, compat))
			return &table[i];
	return NULL;
}

/**
 * nc_mmio_quirk_match_pci_id() - find a quirk for a PCI ID in a table
 * @table: quirk entries, searched in order
 * @n: number of entries in @table
 * @vendor: PCI vendor ID of a device below the bridge
 * @device: PCI device ID of that device
 *
 * Entries with vendor 0 (compatible-only entries) never match here.
 *
 * Return: the first entry of @table for @vendor:@device, or NULL.
 */
const struct nc_mmio_quirk *
nc_mmio_quirk_match_pci_id(const struct nc_mmio_quirk *table, size_t n,
			   u16 vendor, u16 device)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].vendor && table[i].vendor == vendor &&
		    table[i].device == device)
			return &table[i];
	return NULL;
}

/**
 * nc_mmio_quirk_match_soc_id() - find a quirk for the SoC in a table
 * @table: quirk entries, searched in order
 * @n: number of entries in @table
 * @soc: the SoC's SMCCC SoC ID
 *
 * An entry matches the SoC_ID_version exactly and a SoC_ID_revision in
 * its inclusive range. A revision that firmware does not report matches
 * any range: the SoC is known, its revision is in doubt. No SoC ID
 * (SMCCC_RET_NOT_SUPPORTED, or any other error) matches nothing, and
 * entries without a SoC ID never match here.
 *
 * Return: the first entry of @table for @soc, or NULL.
 */
const struct nc_mmio_quirk *
nc_mmio_quirk_match_soc_id(const struct nc_mmio_quirk *table, size_t n,
			   const struct nc_mmio_soc_id *soc)
{
	u32 rev = soc->revision;
	size_t i;

	if (soc->version < 0)
		return NULL;
	for (i = 0; i < n; i++) {
		if (!table[i].soc_id || table[i].soc_id != (u32)soc->version)
			continue;
		if (soc->revision < 0 ||
		    (rev >= table[i].soc_rev_min && rev <= table[i].soc_rev_max))
			return &table[i];
	}
	return NULL;
}

/**
 * nc_mmio_quirk_by_compatible() - find a quirk for a bridge or root compatible
 * @compat: one NUL-terminated compatible string
 *
 * Return: the first matching entry of the shipped quirk table, or NULL.
 */
const struct nc_mmio_quirk *nc_mmio_quirk_by_compatible(const char *compat)
{
	return nc_mmio_quirk_match_compatible(nc_mmio_quirks,
					      ARRAY_SIZE(nc_mmio_quirks),
					      compat);
}

/**
 * nc_mmio_quirk_by_pci_id() - find a quirk for a device below a bridge
 * @vendor: PCI vendor ID
 * @device: PCI device ID
 *
 * Return: the first matching entry of the shipped quirk table, or NULL.
 */
const struct nc_mmio_quirk *nc_mmio_quirk_by_pci_id(u16 vendor, u16 device)
{
	return nc_mmio_quirk_match_pci_id(nc_mmio_quirks,
					  ARRAY_SIZE(nc_mmio_quirks),
					  vendor, device);
}

/**
 * nc_mmio_quirk_by_soc_id() - find a quirk for the SoC
 * @soc: the SoC's SMCCC SoC ID
 *
 * Return: the first matching entry of the shipped quirk table, or NULL.
 */
const struct nc_mmio_quirk *
nc_mmio_quirk_by_soc_id(const struct nc_mmio_soc_id *soc)
{
	return nc_mmio_quirk_match_soc_id(nc_mmio_quirks,
					  ARRAY_SIZE(nc_mmio_quirks), soc);
}

/**
 * nc_mmio_decide() - apply the resolution order to one host bridge
 * @facts: what the caller found for the bridge
 * @d: filled with the verdict and the rule that gave it
 *
 * The first rule that applies wins: kernel parameter, quirk (the SoC's
 * before the bridge's), nearest firmware property, build-time default. An
 * invalid parameter or property value decides "unsafe" at its own rule.
 */
void nc_mmio_decide(const struct nc_mmio_facts *facts,
		    struct nc_mmio_decision *d)
{
	const struct nc_mmio_quirk *quirk =
		facts->soc_quirk ? facts->soc_quirk : facts->quirk;

	d->quirk = NULL;

	if (facts->param != NC_MMIO_VALUE_ABSENT) {
		d->source = NC_MMIO_SRC_CMDLINE;
		d->verdict = facts->param == NC_MMIO_VALUE_SAFE ?
			     NC_MMIO_SAFE : NC_MMIO_UNSAFE;
		return;
	}
	if (quirk) {
		d->source = NC_MMIO_SRC_QUIRK;
		d->quirk = quirk;
		d->verdict = NC_MMIO_UNSAFE;
		return;
	}
	if (facts->firmware != NC_MMIO_VALUE_ABSENT) {
		d->source = NC_MMIO_SRC_FIRMWARE;
		d->verdict = facts->firmware == NC_MMIO_VALUE_SAFE ?
			     NC_MMIO_SAFE : NC_MMIO_UNSAFE;
		return;
	}
	d->source = NC_MMIO_SRC_DEFAULT;
	d->verdict = facts->default_safe ? NC_MMIO_SAFE : NC_MMIO_UNSAFE;
}

/**
 * nc_mmio_verdict_name() - the verdict as shown in sysfs and by ncpolicy
 * @verdict: the verdict
 *
 * Return: "safe" or "unsafe".
 */
const char *nc_mmio_verdict_name(enum nc_mmio_verdict verdict)
{
	return verdict == NC_MMIO_SAFE ? "safe" : "unsafe";
}

/**
 * nc_mmio_source_name() - the rule name that starts a source string
 * @source: the rule
 *
 * Return: "cmdline", "quirk", "firmware" or "default"; callers append
 * ":NAME" for quirks and ":PATH" for firmware.
 */
const char *nc_mmio_source_name(enum nc_mmio_source source)
{
	switch (source) {
	case NC_MMIO_SRC_CMDLINE:
		return "cmdline";
	case NC_MMIO_SRC_QUIRK:
		return "quirk";
	case NC_MMIO_SRC_FIRMWARE:
		return "firmware";
	default:
		return "default";
	}
}
