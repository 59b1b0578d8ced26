// Every case of the suite, gathered from one file per area.

/// The case catalogue. Cases live in `Cases/<Area>Cases.swift`, one list per area; ids are unique and stable.
public enum Catalogue {
    /// Every case, in catalogue order (the order reports list them).
    public static let all: [ConformanceCase] =
        FlagshipCases.all + AccessCases.all + LifecycleCases.all + RevisionCases.all + ValidationCases.all + TransferCases.all
            + ExecuteCases.all + RetryCases.all + SecretsCases.all + BackgroundCases.all + OAuthCases.all
}
