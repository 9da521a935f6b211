/*
 * What LeakSanitizer is told at exit, in builds with AddressSanitizer: the
 * libraries' own leaks and static caches, never pmm's. Compiled into every
 * executable (pmm, the unit tests, the benchmarks) rather than into
 * libpmm.a: the sanitizer runtime defines these functions weakly, so an
 * archive member holding them would never be pulled in.
 */
#if defined(__SANITIZE_ADDRESS__)
#define PMM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PMM_ASAN 1
#endif
#endif

#ifdef PMM_ASAN
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *__lsan_default_suppressions(void) {
    return
        /* libxlsxwriter 1.1.4 (Debian 12) never frees its copy of a list
         * validation's formula (worksheet_data_validation_range ->
         * lxw_strdup): a few bytes per drop-down, once per workbook. */
        "leak:lxw_strdup\n"
        /* fontconfig's caches (patterns, the current config) live until
         * exit. Emptying them and cairo's after each rendering
         * (cairo_debug_reset_static_data, FcFini) asserted that no font was
         * alive, and pango's font thread sometimes still held one: an abort
         * after the file was written (src/render/chart_cairo.c). cairo's
         * and pango's own objects are not named: a surface or layout pmm
         * forgets is still reported. */
        "leak:libfontconfig.so\n";
}

const char *__lsan_default_options(void) { return "print_suppressions=0"; }
#else
/* ISO C wants a translation unit to declare something. */
typedef int pmm_lsan_unused;
#endif
