/* SPDX-License-Identifier: MIT */
/* Which processors of the MADT to start: see ap_plan.h. */
#include "smp/ap_plan.h"

enum ap_plan ap_plan(const struct madt_cpu *m, uint32_t bsp_apic_id, bool x2apic, unsigned online,
                     unsigned cpu_max)
{
    if (m->apic_id == bsp_apic_id)
        return AP_IS_BSP;
    /* online-capable but disabled CPUs wait for a hot-plug event cyan does not handle */
    if (!m->enabled)
        return AP_DISABLED;
    /* an xAPIC's ICR names its target in 8 bits, and 0xff means all of them */
    if (!x2apic && m->apic_id >= XAPIC_BROADCAST_ID)
        return AP_NEEDS_X2APIC;
    if (online >= cpu_max)
        return AP_TOO_MANY;
    return AP_START;
}
