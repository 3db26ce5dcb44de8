// The vocabulary the processing code shares with the manifest (log format names, column types, lake formats and
// codecs, Firehose object formats): see SluiceFormats.
@_exported import SluiceFormats
