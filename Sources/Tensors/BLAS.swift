#if canImport(CBLAS)
internal import CBLAS
#elseif canImport(Accelerate)
internal import Accelerate
#endif

/// Thin typed wrappers over the CBLAS routines the module uses.
///
/// On Linux the symbols come from OpenBLAS through the `CBLAS` system
/// library; on macOS from Accelerate. Both follow the reference CBLAS
/// interface, so everything here, and everything that calls it, is the same
/// on both platforms.
enum BLAS {
  /// How one gemm operand is laid out in memory, in BLAS terms.
  struct MatrixLayout: Equatable {
    /// Whether the stored matrix is the transpose of the logical operand:
    /// a column-major `[rows, cols]` operand is a row-major `[cols, rows]`
    /// matrix that BLAS is asked to transpose (`CblasTrans`).
    var transposed: Bool
    /// The distance in elements between consecutive stored rows (BLAS's
    /// `lda`/`ldb`). At least the stored row length, and at least 1.
    var leadingDimension: Int
  }

  /// The BLAS layout of a 2-d operand of logical shape `[rows, cols]` with
  /// `strides`, or `nil` if BLAS cannot read it as it is.
  ///
  /// Row-major row-contiguous data (unit stride along columns) is passed
  /// as is; column-major data, such as a `transposed()` view of a row-major
  /// matrix, is passed as a transposed row-major matrix. Any other layout
  /// (a stride-2 slice, say) must be made contiguous first. An axis of
  /// length 1 is never stepped along, so its stride does not matter.
  static func layout(rows: Int, cols: Int, strides: [Int]) -> MatrixLayout? {
    let (rowStride, colStride) = (strides[0], strides[1])
    if (colStride == 1 || cols == 1) && (rows == 1 || rowStride >= max(cols, 1)) {
      return MatrixLayout(transposed: false, leadingDimension: rows == 1 ? max(cols, 1) : rowStride)
    }
    if (rowStride == 1 || rows == 1) && (cols == 1 || colStride >= max(rows, 1)) {
      return MatrixLayout(transposed: true, leadingDimension: cols == 1 ? max(rows, 1) : colStride)
    }
    return nil
  }

  /// `c += a · b` in single precision, with `c` row-major `[m, n]` and
  /// leading dimension `n` (`cblas_sgemm` with α = 1, β = 1).
  ///
  /// Callers pass a zeroed `c` for a plain product. β = 1 is the one value
  /// with which OpenBLAS leaves C alone before accumulating; with β = 0 it
  /// first stores zeros column by column, which on the small matrices of a
  /// tiny network cost more than the multiplication. The sums are the
  /// same either way: the first partial product is added to +0.
  static func gemm(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, _ aLayout: MatrixLayout,
    b: UnsafePointer<Float>, _ bLayout: MatrixLayout,
    c: UnsafeMutablePointer<Float>
  ) {
    checkDimensions(m, n, k, aLayout, bLayout)
    cblas_sgemm(
      CblasRowMajor, transpose(aLayout), transpose(bLayout),
      numericCast(m), numericCast(n), numericCast(k),
      1, a, numericCast(aLayout.leadingDimension),
      b, numericCast(bLayout.leadingDimension),
      1, c, numericCast(n)
    )
  }

  /// `c += a · b` in double precision, with `c` row-major `[m, n]` and
  /// leading dimension `n` (`cblas_dgemm` with α = 1, β = 1; see the
  /// single-precision form for why callers zero `c` instead of passing
  /// β = 0).
  static func gemm(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Double>, _ aLayout: MatrixLayout,
    b: UnsafePointer<Double>, _ bLayout: MatrixLayout,
    c: UnsafeMutablePointer<Double>
  ) {
    checkDimensions(m, n, k, aLayout, bLayout)
    cblas_dgemm(
      CblasRowMajor, transpose(aLayout), transpose(bLayout),
      numericCast(m), numericCast(n), numericCast(k),
      1, a, numericCast(aLayout.leadingDimension),
      b, numericCast(bLayout.leadingDimension),
      1, c, numericCast(n)
    )
  }

  /// Which BLAS this process calls, for benchmark reports: OpenBLAS's
  /// build configuration, the kernel family it picked for this CPU (which
  /// `OPENBLAS_CORETYPE` overrides) and its thread count
  /// (`openblas_get_config`, `openblas_get_corename`,
  /// `openblas_get_num_threads`); "Accelerate" on macOS.
  static var configuration: String {
    #if canImport(CBLAS)
      let config = openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS"
      let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
      return "\(config); core \(core); \(openblas_get_num_threads()) threads"
    #else
      return "Accelerate"
    #endif
  }

  private static func transpose(_ layout: MatrixLayout) -> CBLAS_TRANSPOSE {
    layout.transposed ? CblasTrans : CblasNoTrans
  }

  /// BLAS takes 32-bit sizes on most builds; a larger value would be
  /// truncated silently by the C call, so trap here instead.
  private static func checkDimensions(
    _ m: Int, _ n: Int, _ k: Int, _ a: MatrixLayout, _ b: MatrixLayout
  ) {
    for value in [m, n, k, a.leadingDimension, b.leadingDimension] {
      precondition(value >= 0 && value <= Int(Int32.max), "BLAS: dimension \(value) exceeds 32 bits")
    }
  }
}

/// The scalar types BLAS multiplies, so that batched code is written once.
protocol BLASScalar: TensorScalar {
  /// `c += a · b` through `cblas_sgemm` or `cblas_dgemm` (see `BLAS.gemm`).
  static func gemm(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Self>, _ aLayout: BLAS.MatrixLayout,
    b: UnsafePointer<Self>, _ bLayout: BLAS.MatrixLayout,
    c: UnsafeMutablePointer<Self>
  )
}

extension Float: BLASScalar {
  static func gemm(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, _ aLayout: BLAS.MatrixLayout,
    b: UnsafePointer<Float>, _ bLayout: BLAS.MatrixLayout,
    c: UnsafeMutablePointer<Float>
  ) {
    BLAS.gemm(m: m, n: n, k: k, a: a, aLayout, b: b, bLayout, c: c)
  }
}

extension Double: BLASScalar {
  static func gemm(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Double>, _ aLayout: BLAS.MatrixLayout,
    b: UnsafePointer<Double>, _ bLayout: BLAS.MatrixLayout,
    c: UnsafeMutablePointer<Double>
  ) {
    BLAS.gemm(m: m, n: n, k: k, a: a, aLayout, b: b, bLayout, c: c)
  }
}
