// The names the manifest shares with the processor (log formats, column types, lake formats and codecs, Firehose
// object formats) live in SluiceFormats, a module with no dependencies, so that neither side maps its own copy
// onto the other's. Every module that reads manifests sees them through SluiceModel.
@_exported import SluiceFormats
