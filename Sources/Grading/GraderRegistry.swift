/// Every grader, by the name lessons use. Adding a grader means adding its
/// type here; `validate` checks that each lesson's grader name resolves.
public enum GraderRegistry {
  /// All graders.
  public static var all: [any Grader.Type] {
    [
      CalibrationErrorGrader.self,
      MajorityBaselineGrader.self,
      SubgroupAccuracyGrader.self,
      PrecisionAtPrevalenceGrader.self,
      BFloat16RoundingGrader.self,
      Float16StallGrader.self,
      FormatLimitsGrader.self,
      WilsonIntervalGrader.self,
      McNemarStatisticGrader.self,
      PairedTestSetSizeGrader.self,
      ModelStateBytesGrader.self,
      ActivationBytesGrader.self,
      LargestMicroBatchGrader.self,
      ContaminationAuditGrader.self,
      LabelNoiseGrader.self,
      InverseProbabilityWeightingGrader.self,
      SquaredBiasVarianceGrader.self,
      ZeroOneDecompositionGrader.self,
      EmbargoSplitGrader.self,
      PointInTimeFeatureGrader.self,
      ImportanceWeightsGrader.self,
      LabelShiftGrader.self,
      DriftAlarmGrader.self,
      ScalarBackwardGrader.self,
      LineFitGrader.self,
      SumToShapeGrader.self,
      SoftmaxCrossEntropyGrader.self,
      CentralDifferenceGrader.self,
      BestConstantsGrader.self,
      ProperScoresGrader.self,
      ClassBalancedWeightsGrader.self,
      FraudDecisionsGrader.self,
      FocalLossGrader.self,
      AdamWTrajectoryGrader.self,
      GlobalNormClippingGrader.self,
      WarmupCosineGrader.self,
      EarlyStoppingGrader.self,
      LabelSmoothingGrader.self,
      GroupSplitGrader.self,
      WatchTimeOddsGrader.self,
      WatchTimeRankerGrader.self,
      WatchTimeAtKGrader.self,
      LossScalerGrader.self,
      LossScaleSearchGrader.self,
      Float32AccumulationGrader.self,
      GradientAccumulationGrader.self,
      CheckpointPeakGrader.self,
      MatmulRooflineGrader.self,
      ModelFlopsUtilizationGrader.self,
      FusionBytesGrader.self,
      // `groundwork new exercise` adds graders above this line.
    ]
  }

  /// The names of all graders, for messages that list them.
  public static var names: [String] { all.map { $0.name } }

  /// The grader registered under `name`, if any.
  public static func grader(named name: String) -> (any Grader.Type)? {
    all.first { $0.name == name }
  }
}
