source "null" "one" {
  communicator = "none"
}
