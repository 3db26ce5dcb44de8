import Testing

@testable import SluiceProcessorKit

@Suite("The processor's allocator settings")
struct AllocatorSettingsTests {
    #if canImport(Glibc)
        @Test("glibc takes the fixed mmap threshold (large buffers mapped on their own, returned on free)")
        func mmapThreshold() {
            #expect(AllocatorSettings.apply())
        }
    #endif
}
