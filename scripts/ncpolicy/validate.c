// SPDX-License-Identifier: GPL-2.0
/*
 * Is a blob a device tree that libfdt can be trusted to read? libfdt's
 * fdt_check_full() decides, once two bugs of libfdt 1.6.1 that fuzzing
 * found (tests/fuzz/README.md) are kept away from it.
 */
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "validate.h"

/* libfdt's error codes, in words a board vendor can act on. */
static const char *blob_error(int err)
{
	switch (-err) {
	case FDT_ERR_BADMAGIC:
		return "bad magic number";
	case FDT_ERR_BADVERSION:
		return "unsupported version";
	case FDT_ERR_TRUNCATED:
		return "truncated: a block or a string runs past the end";
	case FDT_ERR_BADSTRUCTURE:
		return "corrupt structure block";
	case FDT_ERR_BADOFFSET:
		return "offset out of range";
	case FDT_ERR_BADLAYOUT:
		return "blocks in an unusable order";
	case FDT_ERR_BADSTATE:
		return "incomplete sequential-write tree";
	default:
		return "malformed";
	}
}

/*
 * libfdt 1.6.1's fdt_next_tag() does not detect a property length that
 * wraps the offset back onto the same tag (e.g. 0xfffffff4), and
 * fdt_check_full() then loops forever (found by tests/fuzz; libfdt 1.7
 * checks for the overflow). Before handing the blob to libfdt, step over
 * the tags once and require every property to fit in what is left of the
 * blob. Only lengths are checked here; fdt_check_full() checks the rest.
 * This runs on every blob, so it reads the block directly rather than
 * through fdt_next_tag(), which costs a bounds check per name byte.
 */
static int tags_advance(const void *fdt)
{
	const char *blk = (const char *)fdt + fdt_off_dt_struct(fdt), *nul;
	size_t off = 0, size;
	uint32_t len;

	if (fdt_off_dt_struct(fdt) > fdt_totalsize(fdt))
		return -FDT_ERR_TRUNCATED;
	size = fdt_totalsize(fdt) - fdt_off_dt_struct(fdt);
	/* Offsets are relative to the block and tags 4-byte aligned in it. */
	while (off <= size && size - off >= FDT_TAGSIZE) {
		switch (fdt32_ld((const fdt32_t *)(blk + off))) {
		case FDT_BEGIN_NODE:
			off += FDT_TAGSIZE;
			nul = memchr(blk + off, '\0', size - off);
			if (!nul)
				return -FDT_ERR_TRUNCATED;
			off = (size_t)(nul - blk) + 1;
			break;
		case FDT_PROP:
			if (size - off < sizeof(struct fdt_property))
				return -FDT_ERR_TRUNCATED;
			len = fdt32_ld((const fdt32_t *)(blk + off + FDT_TAGSIZE));
			off += sizeof(struct fdt_property);
			if (len > size - off)
				return -FDT_ERR_TRUNCATED;
			off += len;
			break;
		case FDT_END_NODE:
		case FDT_NOP:
			off += FDT_TAGSIZE;
			break;
		case FDT_END:
			return 0;
		default:
			return -FDT_ERR_BADSTRUCTURE;
		}
		off = (off + FDT_TAGSIZE - 1) & ~(size_t)(FDT_TAGSIZE - 1);
	}
	return -FDT_ERR_TRUNCATED;
}

/**
 * nc_validate_blob() - may the scan trust these bytes?
 * @blob: the bytes
 * @size: their number
 * @name: the file, for messages
 * @err: where the one-line refusal goes
 *
 * Checks the header and the whole structure block (libfdt's
 * fdt_check_full()), after the checks libfdt 1.6.1 needs to be safe from.
 *
 * Return: 0 if valid, -1 after a message on @err.
 */
int nc_validate_blob(const void *blob, size_t size, const char *name,
		     FILE *err)
{
	int ret;

	if (size < FDT_V1_SIZE) {
		fprintf(err, "ncpolicy: %s: not a device tree blob: %zu byte(s), shorter than a header\n",
			name, size);
		return -1;
	}
	if (size > INT32_MAX) {
		fprintf(err, "ncpolicy: %s: not a device tree blob: too large\n",
			name);
		return -1;
	}
	/*
	 * Versions before 16 store full paths as node names; libfdt 1.6.1's
	 * fdt_check_full() dereferences NULL on some of them (found by
	 * tests/fuzz). dtc and bootloaders write version 17: refuse the rest.
	 */
	if (fdt_magic(blob) == FDT_MAGIC && fdt_version(blob) < 16) {
		fprintf(err, "ncpolicy: %s: not a supported device tree blob: version %u is older than 16\n",
			name, fdt_version(blob));
		return -1;
	}
	ret = fdt_check_header(blob);
	if (!ret && fdt_totalsize(blob) > size)
		ret = -FDT_ERR_TRUNCATED;
	if (!ret)
		ret = tags_advance(blob);
	if (!ret)
		ret = fdt_check_full(blob, size);
	if (ret) {
		fprintf(err, "ncpolicy: %s: not a valid device tree blob: %s (%s)\n",
			name, blob_error(ret), fdt_strerror(ret));
		return -1;
	}
	return 0;
}
