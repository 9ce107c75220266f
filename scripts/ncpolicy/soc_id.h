/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_SOC_ID_H
#define NCPOLICY_SOC_ID_H

#include "normal_nc_mmio_rules.h"

/* No SoC ID: what arm_smccc_get_soc_id_*() return without one. */
#define NC_SOC_ID_NONE ((struct nc_mmio_soc_id){ -1, -1 })

const char *nc_parse_soc_id(const char *arg, struct nc_mmio_soc_id *soc);

#endif
