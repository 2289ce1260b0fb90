/* SPDX-License-Identifier: MIT */
/* Which processors of the MADT the BSP starts, and why not the others (pure: host-tested). */
#ifndef CYAN_SMP_AP_PLAN_H
#define CYAN_SMP_AP_PLAN_H

#include "acpi/madt.h"

#include <stdbool.h>
#include <stdint.h>

#define XAPIC_BROADCAST_ID                                                                         \
    0xff /* an xAPIC destination of 0xff reaches every CPU (SDM 3A 11.6.2.1) */

enum ap_plan {
    AP_START,        /* start it */
    AP_IS_BSP,       /* the processor doing the starting */
    AP_DISABLED,     /* the MADT says it is not usable (absent, or left for hot-plug) */
    AP_NEEDS_X2APIC, /* its ID does not fit an xAPIC destination, and the APICs are in xAPIC mode */
    AP_TOO_MANY,     /* cpu_max CPUs are online already */
};

/* What to do with the MADT's processor m, with the BSP's APIC ID, the APIC mode and the number
 * of CPUs online so far. */
enum ap_plan ap_plan(const struct madt_cpu *m, uint32_t bsp_apic_id, bool x2apic, unsigned online,
                     unsigned cpu_max);

#endif
