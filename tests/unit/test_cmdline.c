// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the tool's command-line reader: it must find
 * normal_nc_mmio= exactly where the kernel's parse_args() would.
 */
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "test.h"

static int finds(const char *cmdline, enum nc_mmio_value want,
		 const char *text)
{
	struct nc_cmdline_param p;
	int ok;

	if (nc_cmdline_find(cmdline, &p))
		return 0;
	ok = p.value == want;
	if (text)
		ok = ok && p.text && !strcmp(p.text, text);
	nc_cmdline_param_free(&p);
	return ok;
}

/*
 * Each byte the kernel's isspace() takes for a space separates words, and
 * no other: "normal_nc_mmio=unsafe" SEP "normal_nc_mmio=safe" is safe if
 * SEP separates, else one invalid value.
 */
static void test_separators(void)
{
	static const char spaces[] = " \t\n\v\f\r\xa0";
	static const char others[] = "\b\x0e\x1f\x7f\x85\x9f\xa1\xff";
	char line[64], name[64];
	const char *c;

	for (c = spaces; *c; c++) {
		snprintf(line, sizeof(line),
			 "normal_nc_mmio=unsafe%cnormal_nc_mmio=safe%c", *c, *c);
		snprintf(name, sizeof(name), "cmdline: 0x%02x separates",
			 (unsigned char)*c);
		EXPECT(name, finds(line, NC_MMIO_VALUE_SAFE, "safe"));
	}
	for (c = others; *c; c++) {
		snprintf(line, sizeof(line),
			 "normal_nc_mmio=unsafe%cnormal_nc_mmio=safe", *c);
		snprintf(name, sizeof(name), "cmdline: 0x%02x does not separate",
			 (unsigned char)*c);
		EXPECT(name, finds(line, NC_MMIO_VALUE_INVALID, NULL));
	}
}

int main(void)
{
	test_separators();
	EXPECT("cmdline: empty", finds("", NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: unrelated", finds("console=ttyAMA0 quiet",
					   NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: safe", finds("normal_nc_mmio=safe",
				      NC_MMIO_VALUE_SAFE, "safe"));
	EXPECT("cmdline: unsafe among others",
	       finds("console=ttyAMA0 normal_nc_mmio=unsafe quiet",
		     NC_MMIO_VALUE_UNSAFE, "unsafe"));
	EXPECT("cmdline: firmware", finds("normal_nc_mmio=firmware",
					  NC_MMIO_VALUE_ABSENT, "firmware"));
	EXPECT("cmdline: last wins (unsafe then safe)",
	       finds("normal_nc_mmio=unsafe normal_nc_mmio=safe",
		     NC_MMIO_VALUE_SAFE, "safe"));
	EXPECT("cmdline: last wins (safe then firmware)",
	       finds("normal_nc_mmio=safe normal_nc_mmio=firmware",
		     NC_MMIO_VALUE_ABSENT, "firmware"));
	EXPECT("cmdline: last wins (garbage then safe)",
	       finds("normal_nc_mmio=bogus normal_nc_mmio=safe",
		     NC_MMIO_VALUE_SAFE, "safe"));
	EXPECT("cmdline: garbage", finds("normal_nc_mmio=bogus",
					 NC_MMIO_VALUE_INVALID, "bogus"));
	EXPECT("cmdline: empty value", finds("normal_nc_mmio=",
					     NC_MMIO_VALUE_INVALID, ""));
	EXPECT("cmdline: no '=' is invalid", finds("normal_nc_mmio",
						   NC_MMIO_VALUE_INVALID, NULL));
	EXPECT("cmdline: dashes equal underscores",
	       finds("normal-nc-mmio=unsafe", NC_MMIO_VALUE_UNSAFE, "unsafe"));
	EXPECT("cmdline: mixed dashes",
	       finds("normal-nc_mmio=safe", NC_MMIO_VALUE_SAFE, "safe"));
	EXPECT("cmdline: look-alike prefix ignored",
	       finds("xnormal_nc_mmio=unsafe", NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: look-alike suffix ignored",
	       finds("normal_nc_mmio_x=unsafe", NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: module-style name ignored",
	       finds("pci.normal_nc_mmio=unsafe", NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: upper case name ignored",
	       finds("NORMAL_NC_MMIO=unsafe", NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: value case matters",
	       finds("normal_nc_mmio=Safe", NC_MMIO_VALUE_INVALID, "Safe"));
	EXPECT("cmdline: quoted value",
	       finds("normal_nc_mmio=\"unsafe\"", NC_MMIO_VALUE_UNSAFE, "unsafe"));
	EXPECT("cmdline: quoted whole word",
	       finds("\"normal_nc_mmio=unsafe\"", NC_MMIO_VALUE_UNSAFE, "unsafe"));
	EXPECT("cmdline: after a closed quote",
	       finds("foo=\"a b\" normal_nc_mmio=unsafe", NC_MMIO_VALUE_UNSAFE,
		     "unsafe"));
	EXPECT("cmdline: inside another quoted value ignored",
	       finds("foo=\"a normal_nc_mmio=unsafe\"", NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: tabs and newlines separate",
	       finds("quiet\tnormal_nc_mmio=unsafe\n", NC_MMIO_VALUE_UNSAFE,
		     "unsafe"));
	EXPECT("cmdline: after -- belongs to init",
	       finds("quiet -- normal_nc_mmio=unsafe", NC_MMIO_VALUE_ABSENT, NULL));
	EXPECT("cmdline: before -- counts",
	       finds("normal_nc_mmio=unsafe -- normal_nc_mmio=safe",
		     NC_MMIO_VALUE_UNSAFE, "unsafe"));
	EXPECT("cmdline: --=x is a parameter, not the end",
	       finds("--=x normal_nc_mmio=unsafe", NC_MMIO_VALUE_UNSAFE,
		     "unsafe"));
	EXPECT("cmdline: value with '=' inside is invalid",
	       finds("normal_nc_mmio=safe=1", NC_MMIO_VALUE_INVALID, "safe=1"));
	EXPECT("cmdline: leading spaces", finds("   normal_nc_mmio=safe  ",
						NC_MMIO_VALUE_SAFE, "safe"));
	return t_finish("unit-cmdline");
}
