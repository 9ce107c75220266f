/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel header, as tools/include/ does. */
#ifndef NCPOLICY_LINUX_BUILD_BUG_H
#define NCPOLICY_LINUX_BUILD_BUG_H

#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))

#endif
