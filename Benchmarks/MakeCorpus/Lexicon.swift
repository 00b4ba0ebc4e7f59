// The vocabulary make-corpus draws from. Every list is written for this tool.
// Lists are (roughly) in descending order of how common the word is; the
// generator samples them with Zipf-like weights by rank, so put frequent words
// first. Duplicates are removed at load time (first occurrence wins).
//
// Whitespace-separated lists hold single words; newline-separated lists hold
// phrases. In phrase lists, the tokens ORG and PLACE are placeholders.

enum Lexicon {
    // MARK: General vocabulary

    static let nouns = """
        government year time city week month day official report plan company country state
        group family member program system issue problem question decision change level number
        part area school service health business money market price cost rate budget tax law
        rule policy bill deal agreement case court police investigation election vote campaign
        party leader president minister council committee agency department office board union
        worker job project building road home house community region district center side end
        life world power support effort move statement interview meeting hearing proposal
        measure response demand crisis risk concern threat attack fire storm season game team
        player coach fan industry bank loan debt fund share investor economy growth inflation
        survey study data research evidence result analysis review record history future past
        water energy oil gas electricity climate weather rain flood heat land farm food crop
        student teacher parent child doctor nurse patient hospital clinic care treatment virus
        vaccine disease drug test network phone internet software technology computer device
        car train bus airport flight port border trade tariff export import factory plant site
        street neighborhood town village county province capital island coast river bridge
        park museum library church hall stadium festival film book show music song artist
        writer author director actor audience event ceremony celebration anniversary protest
        strike march rally crowd resident citizen voter lawmaker senator mayor governor judge
        lawyer prosecutor suspect victim witness officer soldier army military force war peace
        ceasefire talks summit visit trip tour offer bid price target goal plan step process
        system standard limit control order ban fine penalty charge trial sentence appeal ruling
        verdict claim complaint lawsuit settlement contract license permit application request
        letter message email post video photo image picture story article headline journalist
        newspaper editor magazine broadcast channel station radio audience viewer platform
        account user customer client shop store retailer brand product sale price discount
        salary wage pension benefit payment subsidy grant donation charity volunteer shelter
        housing rent mortgage property developer apartment tenant landlord construction
        infrastructure repair upgrade expansion closure shortage surplus deficit gap increase
        decline drop rise jump fall recovery slowdown recession boom record quarter forecast
        estimate figure percentage majority minority share half third quarter dozen hundred
        thousand million billion morning afternoon evening night weekend holiday summer winter
        spring autumn decade century moment hour minute period term deadline schedule delay
        warning alert emergency accident crash collision injury death loss damage victim rescue
        recovery aid relief supply shortage delivery route traffic lane highway tunnel rail
        line ticket fare passenger driver pilot crew staff employee manager executive founder
        owner partner rival competitor opponent ally neighbor friend colleague spokesperson
        expert analyst economist scientist researcher professor official source adviser aide
        """

    static let adjectives = """
        new local national public former last next first second third major small large big
        high low long short early late recent final key main senior top local federal regional
        international global foreign domestic economic political social financial legal
        military medical environmental cultural historic annual monthly weekly daily official
        private independent free open closed full empty strong weak hard easy difficult simple
        clear serious significant important critical crucial urgent immediate sudden rapid slow
        steady sharp modest dramatic unusual rare common popular controversial unpopular
        successful failed previous current future potential possible likely unlikely expected
        unexpected surprising temporary permanent limited broad narrow wide deep heavy light
        cheap expensive costly affordable rising falling growing shrinking higher lower better
        worse best worst biggest largest smallest oldest youngest newest latest earlier
        rural urban coastal northern southern eastern western central remote nearby crowded
        quiet busy safe dangerous deadly violent peaceful angry frustrated worried confident
        optimistic cautious skeptical united divided bitter fierce tough fragile stable
        uncertain ambitious bold careful detailed brief lengthy formal informal joint separate
        """

    static let verbs = """
        say make take give announce approve reject plan expect launch open close raise cut
        increase reduce extend delay cancel suspend resume end begin start continue support
        oppose criticize defend propose introduce pass sign block challenge review investigate
        examine discuss consider decide agree refuse accept deny confirm report reveal warn
        urge call ask demand promise pledge vow seek receive win lose lead hold meet visit
        travel return leave join build repair replace remove add include release publish
        complete finish fund spend pay invest sell buy hire fire arrest charge sentence convict
        release attack protect rescue evacuate search find identify track monitor test treat
        vaccinate train teach study measure estimate predict forecast calculate improve boost
        strengthen weaken damage destroy threaten force allow prevent limit restrict ban require
        encourage help serve create develop design produce manufacture export import ship
        deliver provide offer share show display perform play score beat defeat host celebrate
        mark honor remember mourn praise thank welcome reach hit drop rise fall grow slow
        stop prepare organize attend address respond comment explain describe argue claim
        insist admit acknowledge question doubt note stress highlight emphasize
        """

    static let adverbs = """
        also still now already again only just even soon recently later quickly slowly
        sharply steadily largely mostly nearly almost partly fully officially publicly
        privately reportedly initially eventually finally currently previously immediately
        briefly widely heavily strongly firmly clearly directly formally openly quietly
        """

    /// Stand-alone sentence openers (a comma follows).
    static let openers = """
        However
        Meanwhile
        In a statement
        Still
        By contrast
        Last year
        For now
        As a result
        In recent years
        At the same time
        In the meantime
        Separately
        Earlier this month
        On the other hand
        In response
        Even so
        Despite the setback
        Under the plan
        In addition
        According to officials
        For many residents
        Since then
        Until recently
        In practice
        """

    static let times = """
        on Monday
        on Tuesday
        on Wednesday
        on Thursday
        on Friday
        on Saturday
        on Sunday
        last week
        this week
        last month
        this month
        earlier this year
        last year
        next year
        in recent weeks
        in recent months
        overnight
        late on Tuesday
        early on Friday
        on Monday evening
        over the weekend
        this spring
        last summer
        later this year
        by the end of the year
        within days
        in the coming weeks
        for the first time
        since January
        at the weekend
        """

    static let months = """
        January February March April May June July August September October November December
        """

    static let weekdays = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"

    static let prepositions = """
        in on at near across after before during despite under over from with without against
        toward amid around following through along behind beyond within between among
        """

    static let conjunctions = """
        but
        and
        while
        although
        because
        as
        after
        even as
        so
        though
        since
        """

    /// Sentences that recur across many articles, as they do in real news.
    static let stockSentences = """
        The investigation is continuing.
        No one was injured.
        Details of the agreement were not disclosed.
        The decision can be appealed.
        It was not clear when the work would be completed.
        Officials did not respond to a request for comment.
        The company declined to comment.
        The cause of the fire is under investigation.
        Police have appealed for witnesses.
        The vote is expected later this month.
        Talks are scheduled to resume next week.
        The report did not name the officials involved.
        Further details are expected in the coming days.
        Both sides have denied wrongdoing.
        The figures have not been independently verified.
        The proposal still needs final approval.
        Tickets go on sale on Friday.
        The road was closed for several hours.
        The hearing was adjourned until next month.
        Schools in the area will remain closed on Monday.
        A spokesperson said the matter was under review.
        The full results will be published next year.
        It is the first such case in the region.
        The exhibition runs until the end of September.
        Some flights were delayed or canceled.
        The measure passed by a narrow margin.
        Several people were taken to hospital.
        The plan has drawn criticism from local groups.
        Shares closed slightly lower.
        The ministry said it was monitoring the situation.
        """

    // MARK: People and places

    static let femaleFirstNames = """
        Maria Anna Sarah Laura Emma Julia Elena Sofia Claire Rachel Hannah Grace Olivia Nina
        Karen Linda Susan Patricia Helen Amy Rebecca Lucy Alice Chloe Amira Fatima Aisha Mei
        Yuki Priya Ana Carmen Isabel Ingrid Greta Astrid Leila Nadia Irina Olga Marta Eva Lena
        Zoe Ruth Diane Janet Teresa Monica Paula Carla Rosa Lina Hana Mariam Chiara Sienna
        Beatriz Joanna Kate Megan Erin Nora Iris Tamara Daniela Gloria Esther Naomi Simone
        """

    static let maleFirstNames = """
        John David Michael James Robert Daniel Thomas Peter Mark Paul Andrew Richard Stephen
        Carlos Luis Juan Miguel Antonio Marco Luca Pierre Jean Hans Erik Lars Jan Piotr Ivan
        Dmitri Ahmed Omar Ali Hassan Yusuf Kenji Hiroshi Wei Chen Raj Arjun Samuel Joseph
        Benjamin Lucas Noah Adam Simon Martin Victor Oscar Felix Hugo Leon Tomas Mateo Diego
        Rafael Kofi Kwame Emeka Tunde Brian Kevin Sean Patrick Gareth Owen Callum Ethan
        """

    static let lastNames = """
        Smith Johnson Brown Williams Jones Miller Davis Garcia Rodriguez Martinez Lopez
        Gonzalez Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris
        Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill
        Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards
        Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard
        Ward Cox Diaz Richardson Wood Watson Brooks Bennett Gray James Reyes Cruz Hughes Price
        Myers Long Foster Sanders Ross Morales Powell Sullivan Russell Ortiz Jenkins Perry
        Butler Barnes Fisher Henderson Coleman Simmons Patterson Jordan Reynolds Hamilton
        Graham Kim Wallace Cole West Owens Marshall Ellis Mendoza Ruiz Silva Santos Costa
        Ferreira Oliveira Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Koch Richter
        Klein Wolf Dubois Moreau Laurent Bernard Rossi Russo Ferrari Esposito Bianchi Romano
        Kowalski Nowak Novak Horvat Petrov Ivanov Sokolov Nielsen Hansen Larsen Andersen
        Johansson Lindqvist Berg Virtanen Okafor Mensah Nkosi Mwangi Otieno Haddad Khalil
        Nasser Rahman Hussain Khan Patel Sharma Singh Gupta Nair Tanaka Suzuki Sato Watanabe
        Nakamura Wang Zhang Liu Chen Yang Huang Park Choi Nguyen Tran Pham Ahmadi Yilmaz Demir
        """

    static let places = """
        London
        Paris
        Berlin
        Madrid
        Rome
        New York
        Chicago
        Los Angeles
        Washington
        Toronto
        Sydney
        Tokyo
        Seoul
        Beijing
        Delhi
        Mumbai
        Nairobi
        Lagos
        Cairo
        Istanbul
        Moscow
        Warsaw
        Vienna
        Prague
        Budapest
        Brussels
        Amsterdam
        Lisbon
        Dublin
        Edinburgh
        Manchester
        Birmingham
        Glasgow
        Cardiff
        Belfast
        Stockholm
        Oslo
        Copenhagen
        Helsinki
        Athens
        Geneva
        Zurich
        Munich
        Hamburg
        Milan
        Naples
        Barcelona
        Valencia
        Marseille
        Lyon
        Boston
        Seattle
        Denver
        Houston
        Dallas
        Atlanta
        Miami
        Phoenix
        Detroit
        Philadelphia
        San Francisco
        Portland
        Minneapolis
        Montreal
        Vancouver
        Mexico City
        Bogota
        Lima
        Santiago
        Buenos Aires
        Sao Paulo
        Rio de Janeiro
        Johannesburg
        Cape Town
        Accra
        Dakar
        Addis Ababa
        Kampala
        Casablanca
        Tunis
        Beirut
        Amman
        Baghdad
        Tehran
        Dubai
        Doha
        Riyadh
        Karachi
        Dhaka
        Bangkok
        Jakarta
        Manila
        Hanoi
        Singapore
        Kuala Lumpur
        Shanghai
        Hong Kong
        Taipei
        Osaka
        Melbourne
        Auckland
        Kyiv
        Bucharest
        Sofia
        Belgrade
        Zagreb
        Riga
        Vilnius
        Tallinn
        Reykjavik
        Northfield
        Riverton
        Ashford
        Millbrook
        Eastport
        Greenvale
        Westbury
        Lakeside
        Fairhaven
        Oakridge
        """

    static let countries = """
        France
        Germany
        Spain
        Italy
        Britain
        Ireland
        Poland
        Ukraine
        Turkey
        Greece
        Sweden
        Norway
        Canada
        Mexico
        Brazil
        Argentina
        Chile
        Japan
        China
        India
        Pakistan
        Indonesia
        Australia
        Kenya
        Nigeria
        Egypt
        South Africa
        Ethiopia
        Morocco
        Iran
        Iraq
        Israel
        Jordan
        Saudi Arabia
        Vietnam
        Thailand
        the Philippines
        South Korea
        the United States
        the Netherlands
        Belgium
        Portugal
        Austria
        Switzerland
        Romania
        Hungary
        Finland
        Denmark
        """

    /// Generic roles; ORG and PLACE are filled in per article.
    static let roles = """
        a spokesperson for ORG
        the head of ORG
        a senior official at ORG
        the director of ORG
        a member of ORG
        an analyst at ORG
        a researcher at ORG
        a professor at the University of PLACE
        a resident of PLACE
        a lawyer for the family
        the chair of ORG
        a former adviser to ORG
        a local business owner
        a community organizer in PLACE
        the chief executive of ORG
        a board member of ORG
        who leads ORG
        a longtime critic of ORG
        """

    static let reportingVerbs = """
        said
        said
        said
        told reporters
        added
        noted
        said in a statement
        told local media
        explained
        warned
        argued
        wrote in a post
        said in an interview
        insisted
        acknowledged
        confirmed
        """

    static let reportVerbs = """
        said added noted warned argued insisted acknowledged confirmed explained suggested
        claimed stressed predicted announced admitted believed estimated complained conceded
        """

    // MARK: Titles

    /// Words that stay lower case inside a headline.
    static let titleSmallWords = "a an the of in on at to for and or but by with as from"

    // MARK: Topics

    struct TopicText {
        let name: String
        let nouns: String
        let verbs: String
        let adjectives: String
        /// Newline-separated organisations (PLACE allowed).
        let orgs: String
        /// Newline-separated roles (ORG / PLACE allowed).
        let roles: String
    }

    static let topics: [TopicText] = [
        TopicText(
            name: "politics",
            nouns: """
                election vote parliament coalition party opposition minister cabinet reform
                legislation bill amendment poll candidate campaign debate majority seat referendum
                constitution mandate scandal resignation speech manifesto budget senate congress
                ballot turnout lawmaker spokesman diplomat sanction treaty delegation
                """,
            verbs: "elect vote nominate appoint resign campaign debate veto negotiate ratify govern endorse",
            adjectives:
                "political electoral parliamentary conservative liberal progressive partisan bipartisan democratic",
            orgs: """
                the government
                the opposition
                the ruling party
                parliament
                the PLACE City Council
                the election commission
                the foreign ministry
                the interior ministry
                the Senate
                the European Commission
                the United Nations
                the Labour Party
                the Green Party
                """,
            roles: """
                the prime minister
                the opposition leader
                a senator from PLACE
                the foreign minister
                a member of parliament for PLACE
                the mayor of PLACE
                a senior member of ORG
                """
        ),
        TopicText(
            name: "economy",
            nouns: """
                economy inflation interest growth recession market stock share investor bank
                currency dollar euro bond yield profit revenue earnings dividend merger acquisition
                startup supplier consumer demand output productivity unemployment wage price index
                quarter forecast outlook exports tariff deficit
                """,
            verbs: "invest borrow lend trade merge acquire report earn profit rally slump tumble soar",
            adjectives: "economic financial fiscal monetary quarterly annual corporate industrial commercial",
            orgs: """
                the central bank
                the Federal Reserve
                the finance ministry
                the International Monetary Fund
                the World Bank
                the stock exchange
                PLACE Capital
                Northstar Holdings
                Meridian Group
                Atlas Industries
                the chamber of commerce
                the statistics office
                """,
            roles: """
                the chief economist at ORG
                the finance minister
                a fund manager in PLACE
                the governor of ORG
                a market strategist at ORG
                the chief financial officer of ORG
                """
        ),
        TopicText(
            name: "courts",
            nouns: """
                court judge jury trial verdict sentence appeal lawsuit prosecutor defendant lawyer
                attorney witness testimony evidence charge conviction fraud murder theft robbery
                assault arrest detective investigation suspect prison bail hearing ruling case
                warrant custody inquiry
                """,
            verbs: "sue charge convict acquit sentence appeal testify arrest detain prosecute plead rule",
            adjectives: "criminal legal judicial guilty innocent fraudulent alleged unlawful constitutional",
            orgs: """
                the Supreme Court
                the High Court
                the district court
                the appeals court
                the PLACE police department
                the prosecutor’s office
                the justice ministry
                the bar association
                """,
            roles: """
                the presiding judge
                a lawyer for the defendant
                the chief prosecutor
                a detective with ORG
                a legal expert at the University of PLACE
                """
        ),
        TopicText(
            name: "health",
            nouns: """
                hospital patient doctor nurse clinic vaccine virus infection outbreak disease
                treatment surgery drug medicine trial symptom diagnosis cancer diabetes care
                ward bed pandemic screening therapy study researcher
                emergency
                """,
            verbs: "treat diagnose vaccinate infect admit discharge recover prescribe screen operate",
            adjectives: "medical clinical chronic infectious mental public preventive experimental healthy",
            orgs: """
                the health ministry
                the World Health Organization
                PLACE General Hospital
                the national health service
                the medical association
                the nurses’ union
                the public health agency
                St. Mary’s Hospital
                """,
            roles: """
                the health minister
                a doctor at ORG
                an epidemiologist at the University of PLACE
                the chief medical officer
                a nurse at ORG
                """
        ),
        TopicText(
            name: "environment",
            nouns: """
                climate emissions carbon pollution wildlife forest species habitat conservation
                recycling waste plastic drought wildfire glacier temperature heatwave solar wind
                turbine coal renewable energy river lake coastline biodiversity reserve ocean
                """,
            verbs: "pollute protect restore recycle emit conserve plant monitor warm melt",
            adjectives: "environmental green renewable sustainable toxic endangered coastal polluted natural",
            orgs: """
                the environment agency
                the climate ministry
                Greenpeace
                the national park service
                the PLACE wildlife trust
                the energy regulator
                """,
            roles: """
                a climate scientist at ORG
                the environment minister
                a campaigner with ORG
                a ranger at the PLACE national park
                """
        ),
        TopicText(
            name: "weather",
            nouns: """
                storm rain snow wind flood flooding heat temperature forecast warning hurricane
                typhoon tornado thunderstorm frost ice fog drought heatwave outage damage
                evacuation shelter rainfall gust
                """,
            verbs: "flood hit batter sweep strike evacuate shelter restore clear freeze",
            adjectives: "severe heavy torrential strong freezing icy humid dry windy record",
            orgs: """
                the National Weather Service
                the Met Office
                the meteorological office
                the fire brigade
                the coast guard
                the emergency services
                the PLACE county sheriff’s office
                """,
            roles: """
                a forecaster at ORG
                the emergency management director for PLACE
                a fire chief in PLACE
                """
        ),
        TopicText(
            name: "technology",
            nouns: """
                technology software app smartphone chip data privacy platform user algorithm
                network cloud startup hacker breach cyberattack robot satellite device update
                feature launch engineer developer model server
                """,
            verbs: "launch develop hack encrypt upgrade download stream code automate install",
            adjectives: "digital online technical wireless mobile automated artificial virtual secure",
            orgs: """
                Nimbus Systems
                Quantum Labs
                Brightline Software
                Vertex Networks
                the data protection authority
                the telecoms regulator
                Orbital Dynamics
                """,
            roles: """
                the chief technology officer of ORG
                a security researcher at ORG
                a software engineer at ORG
                a technology analyst at ORG
                """
        ),
        TopicText(
            name: "education",
            nouns: """
                school student teacher pupil university college exam curriculum classroom
                campus tuition degree graduate scholarship lesson principal headteacher
                enrollment literacy kindergarten semester
                """,
            verbs: "teach learn enroll graduate study educate test assess",
            adjectives: "educational academic primary secondary public private higher",
            orgs: """
                the education ministry
                the University of PLACE
                the teachers’ union
                the school board
                PLACE High School
                the exam board
                """,
            roles: """
                the principal of ORG
                a teacher at ORG
                the education minister
                a student at ORG
                """
        ),
        TopicText(
            name: "transport",
            nouns: """
                train railway station bus airport flight airline passenger fare ticket traffic
                road highway bridge tunnel strike delay cancellation timetable driver pilot
                route service line rail network
                """,
            verbs: "travel commute fly drive cancel delay divert reroute operate board",
            adjectives: "high-speed electric delayed overcrowded direct domestic international",
            orgs: """
                the transport ministry
                the PLACE transit authority
                the national rail operator
                Skyway Airlines
                the airport authority
                the drivers’ union
                """,
            roles: """
                the transport secretary
                a spokesperson for ORG
                a commuter from PLACE
                a pilot with ORG
                """
        ),
        TopicText(
            name: "sport",
            nouns: """
                match game season team player coach goal victory defeat win title championship
                league cup tournament final semifinal fan stadium injury transfer contract
                score point race medal record
                """,
            verbs: "win beat defeat score play coach sign qualify train compete",
            adjectives: "athletic competitive unbeaten winning losing sporting",
            orgs: """
                PLACE United
                PLACE City
                the PLACE Rovers
                the national team
                the football association
                the Olympic committee
                the players’ union
                """,
            roles: """
                the manager of ORG
                the captain of ORG
                a striker for ORG
                the head coach of ORG
                """
        ),
        TopicText(
            name: "culture",
            nouns: """
                film festival album concert exhibition museum gallery artist painting novel
                author writer director actor actress award prize theater play performance
                audience premiere collection book song singer
                """,
            verbs: "perform exhibit premiere publish direct star paint write compose",
            adjectives: "artistic cultural creative musical literary acclaimed classical contemporary",
            orgs: """
                the PLACE Film Festival
                the National Gallery
                the PLACE Museum of Art
                the Royal Opera
                the arts council
                the PLACE Symphony Orchestra
                """,
            roles: """
                the curator of ORG
                the director of ORG
                a critic for the PLACE Herald
                the artistic director of ORG
                """
        ),
        TopicText(
            name: "housing",
            nouns: """
                housing home rent tenant landlord mortgage apartment property developer
                construction planning homelessness shelter eviction neighborhood
                zoning affordability estate block tower
                """,
            verbs: "build rent evict renovate demolish develop house relocate",
            adjectives: "affordable residential social vacant overcrowded empty",
            orgs: """
                the housing ministry
                the PLACE housing authority
                the tenants’ association
                Harbor Homes
                the planning commission
                """,
            roles: """
                the housing minister
                a tenant in PLACE
                a developer with ORG
                a spokesperson for ORG
                """
        ),
    ]
}
