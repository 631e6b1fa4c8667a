/// `bytes` in gigabytes, GB = 10^9 bytes (SI; what ZeRO's "120 GB" and
/// accelerator data sheets use).
///
/// - Parameter bytes: a byte count.
/// - Returns: bytes / 1e9, rounded to the nearest `Double`.
public func gigabytes(_ bytes: Int) -> Double {
  Double(bytes) / 1e9
}

/// `bytes` in gibibytes, GiB = 2^30 bytes (IEC; what `nvidia-smi` and most
/// memory allocators report, 7.4 % more than a GB).
///
/// - Parameter bytes: a byte count.
/// - Returns: bytes / 2^30, rounded to the nearest `Double`.
public func gibibytes(_ bytes: Int) -> Double {
  Double(bytes) / 1_073_741_824
}
