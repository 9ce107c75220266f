/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel header, as tools/include/ does. */
#ifndef NCPOLICY_LINUX_ARRAY_SIZE_H
#define NCPOLICY_LINUX_ARRAY_SIZE_H

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

#endif
