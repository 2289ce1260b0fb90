# SPDX-License-Identifier: MIT
# gdb set-up for cyan: matches QEMU's x86_64 gdb stub and adds "cyan-attach", which stops at kmain.
# usage: gdb -x tools/gdb/cyan.gdb -ex 'directory SOURCE_ROOT' -ex 'cyan-attach HOST:PORT' cyan.elf
# ("ninja gdb" runs exactly that against "ninja debug"; HOST:PORT may also be a Unix socket path.)

# QEMU's x86_64 stub sends the 64-bit register set from the first instruction on, even while the
# CPU still runs real-mode or 32-bit code, and calls it i386:x86-64. Fixed to that architecture,
# one gdb session stays valid from the reset vector through the 32-bit boot code (.boot.text32)
# into long mode. Set to i386 (by a 32-bit ELF loaded first, or by hand to read the boot code),
# gdb would reject every register packet: "Remote 'g' packet reply is too long". The price: gdb
# decodes 32-bit code as 64-bit; objdump -d -M i386 -j .boot.text32 cyan.elf lists it exactly.
set architecture i386:x86-64

define cyan-attach
  target remote $arg0
  # hbreak, not break: no page table maps kmain's higher-half address while QEMU waits at the
  # reset vector, and the loader copies the kernel into memory only later. A hardware breakpoint
  # compares the address the CPU executes, so it holds from the first instruction. A software
  # one is an int3 written into guest memory: it works here only because QEMU's emulator (TCG)
  # implements it like a hardware one; under KVM it could not be inserted, or would be
  # overwritten by the loader.
  hbreak kmain
  continue
end
document cyan-attach
Attach to QEMU's gdb stub at HOST:PORT (or a Unix socket path) and run to kmain.
QEMU must have been started paused (-S), as "ninja debug" does.
end
