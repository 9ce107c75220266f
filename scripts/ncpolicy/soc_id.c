// SPDX-License-Identifier: GPL-2.0
/*
 * --soc-id BANKID:SOCID[:REV]: the SMCCC SoC ID a blob cannot carry, in
 * the form Linux shows it (/sys/devices/soc0/soc_id "jep106:036b:0410",
 * /sys/devices/soc0/revision), so that the tool resolves as the kernel
 * does on that SoC.
 */
#include <stddef.h>

#include "soc_id.h"

enum { FIELD_OK, FIELD_SYNTAX, FIELD_RANGE };

/*
 * One field of hex digits (either case, leading zeros allowed) at *@s,
 * ending at ':' or at the end of the string; *@s is left on that byte.
 */
static int hex_field(const char **s, u32 max, u32 *out)
{
	const char *p = *s;
	u32 v = 0;
	int d;

	if (*p == ':' || !*p)
		return FIELD_SYNTAX;
	for (; *p && *p != ':'; p++) {
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return FIELD_SYNTAX;
		if (v > (max - d) / 16)
			return FIELD_RANGE;
		v = v * 16 + d;
	}
	*s = p;
	*out = v;
	return FIELD_OK;
}

/**
 * nc_parse_soc_id() - parse the value of --soc-id
 * @arg: BANKID:SOCID or BANKID:SOCID:REV, each field in hex
 * @soc: set on success; without REV the revision is unknown (negative)
 *
 * BANKID is the JEP106 bank index (number of continuation codes, 00-7f)
 * and identity code without its parity bit (00-7f), as SMCCC SoC_ID_version
 * has them in bits 30:16; SOCID is its bits 15:0; REV is SoC_ID_revision,
 * which firmware reports as a non-negative 32-bit value.
 *
 * Return: NULL, or why @arg is refused (a static string).
 */
const char *nc_parse_soc_id(const char *arg, struct nc_mmio_soc_id *soc)
{
	static const char syntax[] =
		"not BANKID:SOCID[:REV] in hex (e.g. 036b:0410:4)";
	const char *p = arg;
	u32 bankid, id, rev;
	int rc;

	rc = hex_field(&p, 0x7fff, &bankid);
	if (rc == FIELD_OK && (bankid & 0x80))
		rc = FIELD_RANGE;
	if (rc == FIELD_RANGE)
		return "BANKID is the JEP106 bank (00-7f) then the identity code without its parity bit (00-7f), e.g. 036b";
	if (rc != FIELD_OK || *p++ != ':')
		return syntax;
	rc = hex_field(&p, 0xffff, &id);
	if (rc == FIELD_RANGE)
		return "SOCID is 16 bits (0-ffff)";
	if (rc != FIELD_OK)
		return syntax;
	if (!*p) {
		soc->version = (s32)(bankid << 16 | id);
		soc->revision = -1;
		return NULL;
	}
	p++;
	rc = hex_field(&p, 0x7fffffff, &rev);
	if (rc == FIELD_RANGE)
		return "REV is 31 bits (0-7fffffff)";
	if (rc != FIELD_OK || *p)
		return syntax;
	soc->version = (s32)(bankid << 16 | id);
	soc->revision = (s32)rev;
	return NULL;
}
