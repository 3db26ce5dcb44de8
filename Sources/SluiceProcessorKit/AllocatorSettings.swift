#if canImport(Glibc)
    import Glibc
#endif

/// glibc's malloc settings for a processor, applied once at start.
///
/// The processor's large buffers (a Parquet file's output until it is a 5 MiB part, a row group's column values,
/// 1 MiB pages, 2 MiB ranges of the input) are allocated and freed over and over. By default glibc raises its
/// mmap threshold to the size of each large block freed, so after the first few, blocks of several MiB come from
/// the heap, where freed space stays resident and fragments: measured, the peak RSS of a Parquet run then grows
/// with the object (57 MB on a 100 MB object, 69 MB on 200 MB; the heap itself peaks at 30 MB). A fixed threshold
/// of 1 MiB keeps such blocks mapped on their own and returned on free: 54 MB on either object, no slower
/// (BENCHMARKS.md). Setting the threshold also stops glibc from adjusting it.
enum AllocatorSettings {
    /// Blocks of this many bytes or more are mapped on their own.
    static let mmapThreshold: Int32 = 1 << 20

    /// Applies the settings; whether malloc took them (false where malloc is not glibc's).
    @discardableResult
    static func apply() -> Bool {
        #if canImport(Glibc)
            // Glibc's Swift module does not export malloc.h: look the function up. M_MMAP_THRESHOLD is -3 there.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return false }
            return unsafeBitCast(symbol, to: Mallopt.self)(-3, mmapThreshold) == 1
        #else
            return false
        #endif
    }
}
