/* SPDX-License-Identifier: MIT */
/* The page tables' lock (paging_lock.c). */
#ifndef CYAN_MM_PAGING_LOCK_H
#define CYAN_MM_PAGING_LOCK_H

/* Hand the paging code its lock; before a second CPU can change page tables. */
void paging_lock_init(void);

#endif
