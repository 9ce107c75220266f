/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel header, as tools/include/ does. */
#ifndef NCPOLICY_LINUX_STRING_H
#define NCPOLICY_LINUX_STRING_H

#include <string.h>

#endif
