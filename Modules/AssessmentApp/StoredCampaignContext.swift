import AssessmentKernel
import AssessmentStorage

/// What a command about one stored campaign starts from: the configs, the open database, the campaign.
struct StoredCampaignContext {
    let environment: AppEnvironment
    let database: AppDatabase
    let store: SQLiteCampaignStore
    let campaign: Campaign

    /// Fails in Russian when the campaign is not in the database.
    init(config: ConfigOptions, database options: DatabaseOptions, campaign id: String) throws {
        environment = try config.environment()
        database = try options.open()
        store = SQLiteCampaignStore(database: database)
        guard let campaign = try store.campaign(id) else { throw StoreError.campaignNotFound(id) }
        self.campaign = campaign
    }
}
