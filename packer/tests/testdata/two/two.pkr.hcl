build {
  sources = ["source.null.one"]
}
