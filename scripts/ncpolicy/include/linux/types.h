/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel header, as tools/include/ does. */
#ifndef NCPOLICY_LINUX_TYPES_H
#define NCPOLICY_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/*
 * The UAPI's __u64 and friends, as the real header gives them: system
 * headers that include <linux/types.h> (<signal.h> on arm64, through
 * <asm/sigcontext.h>) find this one.
 */
#include <asm/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;

#endif
