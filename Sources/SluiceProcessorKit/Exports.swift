// A processor target imports the kit alone and gets the records, rows and failures it works with.
@_exported import SluiceProcessing
