import AssessmentApp

AdminCommand.main()
