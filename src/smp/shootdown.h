/* SPDX-License-Identifier: MIT */
/*
 * TLB shootdown: a kernel mapping removed or changed on one CPU is flushed on every other CPU
 * online before paging_unmap or paging_map returns (arch/paging.h calls back into here).
 */
#ifndef CYAN_SMP_SHOOTDOWN_H
#define CYAN_SMP_SHOOTDOWN_H

#include <stdint.h>

/* Hand the shootdown to the paging code; after smp_call_init. */
void tlb_shootdown_init(void);
/* Shootdowns sent so far (one per page changed while other CPUs were online). */
uint64_t tlb_shootdown_count(void);

#endif
