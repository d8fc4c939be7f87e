import AssessmentApp

await EntryPoints.survey()
