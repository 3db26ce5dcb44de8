@_exported import SluiceModel
