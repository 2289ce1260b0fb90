#!/bin/sh
# SPDX-License-Identifier: MIT
# mkiso.sh: build the hybrid BIOS+UEFI GRUB ISO that boots the kernel.
# usage: mkiso.sh GRUB_MKRESCUE XORRISO OBJCOPY FAKETIME OUTPUT KERNEL GRUB_CFG STAGING_DIR [MODULE...]
# Each MODULE file goes to /boot/modules/ under its own name, where grub.cfg's module2 lines
# load it.
set -eu
mkrescue=$1 xorriso=$2 objcopy=$3 faketime=$4 out=$5 kernel=$6 cfg=$7 staging=$8
shift 8

rm -rf "$staging"
mkdir -p "$staging/boot/grub"
# The booted kernel needs no debug information (gdb reads build/cyan.elf): a quarter of the size.
"$objcopy" --strip-debug "$kernel" "$staging/boot/cyan.elf"
cp "$cfg" "$staging/boot/grub/grub.cfg"
for module in "$@"; do
    mkdir -p "$staging/boot/modules"
    cp "$module" "$staging/boot/modules/"
done

# Reproducible image: every date in the ISO is SOURCE_DATE_EPOCH (a packager's value, else a fixed
# one), so two builds of the same sources give the same bytes. xorriso reads the variable itself,
# but grub-mkrescue 2.06 takes the clock: it names the ISO after the current time (its volume
# UUID) and bakes that name into GRUB's core images, which find the ISO by it. faketime stops
# the clock at SOURCE_DATE_EPOCH for grub-mkrescue and everything it runs (xorriso, mformat).
# Without faketime (FAKETIME is then a name that is not installed) the ISO still builds, with the
# clock's dates: it boots the same, but two builds differ.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600} # 2025-01-01 00:00:00 UTC
export SOURCE_DATE_EPOCH TZ=UTC
frozen_clock=$(date -u -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M:%S')
frozen() {
    if command -v "$faketime" >/dev/null 2>&1; then
        "$faketime" -f "$frozen_clock" "$@"
    else
        "$@"
    fi
}

# Only the modules the menu needs (the rest of GRUB stays out: ~19 MiB -> under 4 MiB), no
# translations, fonts or themes, and xz-compressed core images. multiboot2 and normal boot the
# kernel; test runs grub.cfg's platform checks; all_video lets UEFI GRUB hand over a framebuffer
# (efi_gop, efi_uga) and under BIOS set a VBE mode; smbios lets a test menu read the video mode
# from QEMU; the partition-table modules are the ones UEFI GRUB probes while looking for its
# files (it prints an error for each one missing).
modules="multiboot2 normal test all_video smbios part_acorn part_amiga part_apple part_bsd part_dfly"
modules="$modules part_dvh part_gpt part_msdos part_plan part_sun part_sunpc"
if ! frozen "$mkrescue" --xorriso="$xorriso" -o "$out" \
        --install-modules="$modules" \
        --locales= --fonts= --themes= --compress=xz \
        "$staging" >"$staging.log" 2>&1; then
    cat "$staging.log" >&2
    echo "mkiso: grub-mkrescue failed (log above)" >&2
    exit 1
fi
