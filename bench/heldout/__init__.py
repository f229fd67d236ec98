"""Held-out evaluation: records of researchers in other fields, each with a golden question set.

`python -m bench.heldout.build` writes the records built from the shared paper corpus;
`python -m bench.heldout` builds them if needed and measures the assistant on every record.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
COMMITTED = HERE / "records"

# Record name -> its field. The calibration record is the one the answering code may be tuned on.
RECORDS = {
    "ivan_vulic": "NLP",
    "laura_leal_taixe": "computer vision, robotics",
    "maximo_roa": "robotics",
    "simeon_lisovski": "ornithology, movement ecology",
    "alexander_meyer_gohde": "macroeconomics",
    "heike_kluever": "political science",
    "cristiane_taniguti": "plant genetics",
    "dan_villarreal": "sociolinguistics",
    "mike_pols": "computational materials physics and chemistry",
    "elena_castroviejo": "linguistics: formal semantics and pragmatics, language development",
    "georg_oeltzschner": "medical imaging, neuroscience: magnetic resonance spectroscopy",
    "sam_harper": "epidemiology, public health: social epidemiology, health inequalities, policy evaluation",
    "sam_hyun_yoo": "demography: fertility, marriage and migration (English and Korean publications)",
    "tristan_buckmaster": "mathematics: partial differential equations of fluid dynamics",
    "samuel_morabito": "neuroscience, neurogenomics: single-nucleus and spatial transcriptomics of Alzheimer's disease",
    "fernando_rios_avila": "labour and applied economics, applied econometrics",
    "sacha_guerrini": "astrophysics: observational cosmology, weak gravitational lensing",
    "andrea_titolo": "archaeology: Near Eastern landscape archaeology, settlement history, remote sensing",
    "mark_coster": "chemistry: synthetic organic and medicinal chemistry, natural product total synthesis",
    "ron_pomper": "psychology: developmental psychology, word learning and language processing in children",
    "tom_wagg": "astrophysics: binary stellar evolution, population synthesis, gravitational-wave sources",
    "folgert_karsdorp": "humanities: computational folkloristics, literary history and cultural evolution",
    "arun_kuchibhotla": "statistics: inference under misspecification, post-selection inference, conformal prediction",
    "kathleen_melhuish": "education research: undergraduate mathematics education, proof, teacher noticing",
    "fabian_moss": "music: computational musicology, music theory and the history of tonality",
    "eleanor_frajka_williams": "oceanography: Atlantic overturning circulation, Labrador Sea convection, eddy dissipation, ocean gliders",
    "mat_goebel": "clinical medicine: emergency medicine and EMS, prehospital STEMI diagnosis, LVAD patients, 9-1-1 systems",
    "paul_gowder": "law: rule of law, constitutional theory, judicial review, critical race theory, classical Athens",
    "marc_cheong": "philosophy and digital ethics: AI bias, generative AI, existentialism and authenticity online, social epistemology",
    "emilio_bruna": "plant ecology and entomology: tropical plant demography, habitat fragmentation, ant-plant mutualisms, leaf-cutter ants",
    "yassir_al_karawi": "electrical engineering: Open RAN and 6G energy efficiency, quantum communication, digital filters, HAPS spectrum sharing",
    "aaron_gullickson": "sociology: racial identification and classification, intermarriage and assortative mating, historical demography",
    "martien_lubberink": "accounting and finance: earnings conservatism, bank capital regulation, analysts and equity valuation, climate risk",
    "donghui_xu": "hydrology: land-river coupling and floodplain inundation in Earth system models, river network and flow direction modelling, coastal and urban flooding",
    "peter_macpherson": "public health practice: tuberculosis screening and case finding, HIV testing and self-testing, linkage to care in Malawi and South Africa",
    "mark_runacres": "mechanical engineering and wind energy: vertical-axis wind turbines, urban wind, system identification; earlier hot-star winds",
    "thomas_smits": "history of visual culture and media: illustrated press, iconic photographs and visual memory, computer vision for historical images",
    "mingshu_wang": "urban geography and GIScience: polycentric urban development, urban morphology, urban big data, ride-sharing and traffic",
    "william_frank": "seismology: low-frequency earthquakes, tremor and slow slip, matched-filter earthquake detection, aftershocks and afterslip",
    "kenneth_wilcox": "psychology: comparative cognition and animal perception, self-injury and suicide risk, Bayesian topic models for psychological text",
    "christian_salas_eljatib": "forestry: forest biometrics, tree height growth and site productivity, mortality and self-thinning, spatial patterns, volume equations",
    "panagiotis_ritsos": "human-computer interaction and visualization: immersive analytics on the web and in XR, situated visualization, visualization education, VR training",
    "tiago_olivoto": "agronomy and crop science: multi-environment trials and stability, multi-trait selection indices, R packages for trial and plant image analysis, experimental design for vegetable crops",
    "andrew_hoffman": "glaciology: radar imaging of the Antarctic bed, basal sliding and subglacial lakes, Hercules Dome, Bedmap compilations, atmospheric rivers",
    "alejandro_reyes": "microbiology and virology: the human gut virome and bacteriophages, virus discovery and taxonomy, profile HMMs for viral detection, shrimp pathogens, animal gut microbiota",
    "georgiy_razuvaev": "particle physics: e+e- annihilation into hadrons with the CMD-3 detector at VEPP-2000, muon acceleration and beam monitors for the J-PARC muon g-2/EDM experiment, particle identification",
    "phil_ahrenkiel": "condensed-matter and materials physics: TEM of semiconductor alloys, atomic ordering and composition modulation in III-V superlattices, CuInSe2, lattice-mismatched III-V layers for photovoltaics",
    "janani_durairaj": "structural biology and structural bioinformatics: benchmarking protein-ligand structure prediction (PLINDER, Runs N' Poses, CASP15/16), protein language model embeddings for homology, alignment and design, AlphaFold-based exploration of the protein universe, BK polyomavirus",
    "david_eagle": "religious studies and sociology of religion: religious attendance, church size and megachurches, congregations, theology; clergy health and well-being (the Spirited Life intervention, depression, social support), religion and caregivers of orphaned children",
    "jose_denis_robichaud": "veterinary science: dairy cow reproduction and postpartum uterine disease (diagnostic tests, cephapirin, estrus detection with activity monitors), NEFA and hyperketonemia, biosecurity and dry cow therapy; One Health, SARS-CoV-2 in cats, COVID-19 surveys",
    "samuel_leblanc": "atmospheric science: airborne shortwave spectral radiometry, aerosol direct radiative effects, aerosol above clouds in the southeast Atlantic (ORACLES), cloud property retrievals from transmitted radiance, Arctic clouds and radiation",
    "blake_vernon": "archaeology of western North America: the spread of maize farming and the Fremont in the Basin-Plateau region, site predictive modelling, conflict and inequality among Ancestral Puebloan farmers; human behavioural ecology of violence, the Prehispanic central Andes, Baja California ranchers",
    "peter_lugtig": "survey methodology: panel attrition and nonresponse, measurement error and dependent interviewing, mobile and mixed-device web surveys, smartphone sensor data; co-authored studies of adolescent risk behaviour and health",
    "antony_hosking": "programming languages: garbage collection (barriers, real-time and concurrent collectors, GC energy on Android), orthogonal persistence, transactional memory and Java concurrency, partial redundancy elimination, benchmarking methodology (DaCapo), micro virtual machines",
    "diogo_almeida": "cognitive neuroscience of language and psycholinguistics: MEG and ERP studies of lexical access and the N400, mismatch negativity and phonological underspecification, fMRI of Broca's area; experimental syntax and the reliability of acceptability judgments, islands and agreement in Arabic and Brazilian Portuguese",
    "alexandre_wadoux": "soil science and pedometrics: digital soil mapping with machine learning, interpretation and accuracy of soil maps, sampling design, soil spectroscopy, soil organic carbon, soil functions and soil security",
    "ian_adams": "criminology and public administration: police body-worn cameras, public views of police use-of-force, de-policing, prosecution and deterrence; emotional labor and burnout of police, civilian staff, emergency dispatchers and public servants across cultures",
    "klaus_michael_aye": "planetary science: seasonal CO2 jets, fans and araneiforms at the Martian poles (HiRISE, CRISM), the Planet Four citizen science project, lunar polar temperatures with LRO Diviner; earlier, VHE gamma-ray astronomy with the Durham Mark 6 and H.E.S.S. telescopes",
    "james_grant": "physical and computational chemistry: atomistic modelling of lime, dolomite decomposition and carbonation (18O labelling, ToF-SIMS, Raman, DFT), molecular simulation and Monte Carlo (DL_MONTE, hydrogen in cellulose, lipid monolayer reflectometry), performance-portable molecular dynamics, self-assembly and reversibility",
    "hannah_chang": "marketing: consumer behaviour and decision making (reliance on feelings versus reasons, regulatory focus, the Robin Hood effect), voice numerosity and AI-synthesized voices in persuasion, crowdfunding, teaching cases on Asian digital businesses",
    "william_gearty": "paleobiology and evolutionary biology: body size evolution in lineages that invaded the water (aquatic mammals, marine crocodyliforms, marine snakes), trophic-size structure of vertebrates, biodiversity gradients through geological time, Pleistocene-Holocene mammal communities; R packages for palaeobiology (deeptime, rphylopic, palaeoverse, rmacrostrat)",
    "yannis_papadopoulos": "optics and photonics: imaging through multimode fibers with digital phase conjugation, wavefront shaping and scattering compensation (F-SHARP), the optical memory effect, optical tomography and phase unwrapping",
    "hossein_rahmani": "information retrieval and recommender systems: LLMs for relevance judgments and synthetic test collections, clarifying questions, consumer and producer fairness and popularity bias in recommendation, point-of-interest recommendation",
    "armando_falcucci": "archaeology of Europe: Palaeolithic lithic technology, the Protoaurignacian and Early Aurignacian of Italy (Fumane Cave, Castelcivita, Grotta della Cala, Riparo Bombrini), 3D scanning and geometric morphometrics of stone tools, comparisons with the Levantine Ahmarian",
    "marco_tulio_quintino": "quantum information and foundations: measurement incompatibility, EPR steering, Bell nonlocality and local hidden variable models, higher-order quantum operations and indefinite causal order (the quantum switch), universal circuits transforming unitary operations, port-based teleportation",
    "thomas_dorlo": "clinical pharmacology: pharmacokinetics and pharmacometrics of miltefosine in leishmaniasis, allometric dosing in children, LC-MS/MS bioanalysis and dried blood spots, visceral leishmaniasis trials in eastern Africa and Nepal, access to quality medicines and critiques of quackery",
    "brenda_moon": "media and communication studies: Twitter and digital methods, the Australian Twittersphere (TrISMA, bot identification, follower networks, topic analysis), politicians and election campaigns on Twitter, news sharing and hashtag publics, science communication on social media",
    "sebastian_funk": "epidemiology of infectious disease: mathematical modelling of Ebola in West Africa (Sierra Leone, Liberia), Zika and dengue outbreaks, measles elimination, sleeping sickness, behaviour and disease spread, internet-based influenza surveillance, real-time forecasting; earlier H.E.S.S. gamma-ray astronomy",
    "jo_van_bulck": "computer security: trusted execution environments and Intel SGX, microarchitectural and transient-execution attacks (Foreshadow, LVI), single-stepping and controlled channels (SGX-Step), memory-aliasing attacks on TEEs, embedded protected module architectures (Sancus)",
    "ming_su": "environmental engineering: taste and odor in drinking water sources (2-MIB, geosmin, fishy and septic odors), odor-producing cyanobacteria (Planktothrix) in Miyun Reservoir and water-level control, subsurface cyanobacterial blooms, qPCR of geosmin producers, disinfection by-products and bromate",
    "nicholas_borcherding": "immunology and cancer immunology: single-cell RNA and TCR sequencing (cutaneous T-cell lymphoma and Sézary syndrome, renal carcinoma, alopecia areata), tumour-infiltrating regulatory T cells and T cell checkpoints, scRepertoire and single-cell immune receptor software, CD4+ T cells after mRNA vaccination, IL-17, mitochondria transfer; earlier breast cancer biology",
    "aryeh_miller": "zoology: herpetology and reptile systematics, new species and records of snakes, geckos, skinks and frogs in Myanmar and Vietnam, cryptic species, West Indian reptiles, key innovations and toepads in arboreal lizards",
    "ville_langen": "cardiology and cardiovascular epidemiology: anticoagulation and stroke risk in atrial fibrillation (the FinACAF cohort, Markov decision models of DOACs, AF screening meta-analysis), home blood pressure and hypertension in older Finnish cohorts, thyroid-stimulating hormone and cardiovascular risk, ECG predictors of AF and drug-induced QTc changes",
    "petros_aristidou": "power systems and energy: parallel and domain-decomposition dynamic simulation of large power systems and combined transmission and distribution systems, planning and operation of active distribution grids, PV overvoltages in low-voltage networks, converter control in low-inertia systems",
    "lorenzo_busetto": "remote sensing of vegetation and agriculture: rice monitoring from MODIS, SAR and Sentinel data (PhenoRice, flooded paddies, yield estimation, the ERMES services), larch and grassland phenology in the Alps, airborne hyperspectral mapping of water stress, water content and chlorophyll, field spectroscopy and sun-induced fluorescence, the MODIStsp R package",
    "fabricio_oliveira": "operations research: two-stage stochastic programming and decomposition methods (Benders, Lagrangean, progressive hedging), robust optimisation, petroleum supply chain planning and scheduling, inventory control, blood supply chains and humanitarian logistics",
    "cristiano_de_michele": "soft condensed matter and statistical physics: supercooled liquids and the glass transition, caged dynamics and structural relaxation, patchy colloids and gelation kinetics, self-assembly-driven liquid crystals of DNA duplexes, hard ellipsoids and event-driven molecular dynamics, diffusion-limited reactions in crowded environments",
    "irene_zhang": "distributed systems and operating systems: kernel-bypass datapath OSes (Arrakis, Demikernel, Persephone), zero-copy serialization and RDMA interfaces, direct-attached FPGA accelerators, replicated transactional storage and consistency (TAPIR, Meerkat, IPA), mobile/cloud application platforms, VM checkpoint restore, the WheelFS wide-area file system",
    "kyle_mandli": "scientific computing: finite volume methods and adaptive mesh refinement for shallow water equations (Clawpack, GeoClaw, PyClaw, ForestClaw), model reduction for transport-dominated problems, storm surge and coastal flooding, tsunamis and uncertainty quantification with polynomial chaos surrogates",
    "dom_ford": "game studies (humanities): mytholudics and myth in digital games, giants and monstrosity in roleplaying games, FromSoftware's Souls games, lost civilisations and hauntology, city builders and the Cities: Skylines II launch, player democracy in Old School RuneScape, AI nonplayer characters",
    "sofia_teixeira_de_freitas": "structural and aerospace engineering: adhesively bonded composite and metal joints, fracture mechanics of bi-material and thick-bondline joints, peel tests and acoustic emission, ageing, renovation of orthotropic steel bridge decks, fibre metal laminates, ultrasonic welding of thermoset to thermoplastic composites, bio-based adhesives",
    "thales_carvalho": "international relations: Latin American and Brazilian foreign policy (Bolsonaro, Lula III), Venezuela's clientelistic diplomacy at the UN General Assembly, Latin American neutrality in the Ukraine War, UN peace operations, South American regional security institutions and defense policy diffusion, the Brazilian IR discipline and its methods",
    "camiel_doorenweerd": "entomology: insect systematics and molecular phylogenetics, Dacini fruit flies (Bactrocera) as invasive pests, COI barcoding limits and phylogenomic species delimitation, fruit fly surveys and checklists, leaf-mining micro-moths (Nepticulidae), Hawaiian endemic moths, silkmoths",
    "robin_lovelace": "transportation: transport planning and active travel, the Propensity to Cycle Tool and cycle network planning, origin-destination data and route networks (jittering), road safety and cycling injury, open source transport tools, spatial microsimulation",
    "xingjian_wang": "corporate finance (China): monetary policy uncertainty, corporate cash holdings and trade credit, pandemic and financial asset holdings, CSRC spot checks and earnings management, dialect diversity and investment efficiency, government procurement and ESG, green innovation; homeowner associations and housing prices",
    "dewey_dunnington": "paleolimnology and freshwater geochemistry: lake sediment records of development and metal contamination in Nova Scotia, lead deposition across northeastern North America, portable XRF and elemental measures for sediment cores; lake browning and acid-deposition recovery, machine learning for water treatment",
    "mohammed_saqr": "learning analytics: social network analysis of online problem-based and collaborative learning in medical education, centrality measures, temporal, psychological and transition networks (TNA), idiographic learning analytics, engagement trajectories, early prediction and explainable AI, educational escape rooms, student-AI interaction; scientometrics of computing education research",
    "jifu_tan": "biomedical engineering and computational biomechanics: nanoparticle targeted drug delivery in blood flow, lattice Boltzmann-immersed boundary simulation of blood cells and capillary networks, circulating tumor cells in microfluidics, fish swimming hydrodynamics and dynamic mode decomposition, granular flow in conveyors, in situ visualization of simulations",
    "philip_clare": "addiction research and alcohol and other drug epidemiology: parental supply of alcohol and adolescent drinking trajectories, blackouts and alcohol use disorder, prescription opioids in chronic non-cancer pain and global opioid analgesic use, methamphetamine treatment and psychosis, smoking and socioeconomic status; causal methods for time-varying confounding; physical activity, loneliness and lifestyle risk",
    "ranjit_lall": "political science: international political economy and global governance (international banking regulation, performance, funding and accountability of international organizations, transparency in aid projects), missing-data imputation (MIDAS), COVID-19 anxiety, voting and populism, the Black Sea slave trade",
    "anil_zenginoglu": "gravitational physics and numerical relativity: hyperboloidal foliations and compactification at null infinity, the hyperboloidal layer method, Schwarzschild and Kerr black hole perturbations (Teukolsky equation), late-time tails, caustic echoes, quasinormal modes of nearly extremal Kerr, the Cauchy-horizon singularity, self-force, effective-one-body waveforms, recoil antikicks, numerical-relativity waveform catalogues and template banks",
    "loukia_tzavella": "health psychology and meta-science: food-specific go/no-go and response inhibition training, devaluation of energy-dense foods, the affective priming paradigm for food attitudes, the Restrain Food Database; Registered Reports, post-publication critique, big team addiction science, open science teaching",
    "lindsey_heagy": "applied geophysics: geophysical electromagnetics and DC resistivity, SimPEG simulation and inversion, steel-cased wells, EM imaging of proppant in hydraulic fractures, airborne EM, magnetic vector and petrophysically guided joint inversion, conductivity upscaling",
    "hao_xiong": "catalysis: zeolite catalysis and low-dose electron microscopy (iDPC-STEM) of zeolites and MOFs, single molecules in ZSM-5 channels, framework flexibility, Lewis acidity for methanol conversion, CO2 hydrogenation to aviation-fuel aromatics, discrete transport in zeolites, heavy oil to chemicals",
    "fernando_campos": "primatology: behavioural ecology and life history of wild white-faced capuchins in Costa Rica (urine-washing, home range, dispersal and paternity, infanticide, drought and infant mortality, gut microbiota and parasites), the Ecuadorian capuchin, colobus monkeys; glucocorticoids, social status, survival and epigenetic ageing in Amboseli baboons; climate variability and the rate of ageing across long-term primate studies",
    "marcelo_araya_salas": "bioacoustics: vocal learning and song variation in the long-billed hermit hummingbird, parrot contact calls and dialects, budgerigar vocal learning, wren duets, disc-winged bat calls and roosting, R packages for acoustic analysis (warbleR, baRulho, ohun), comparative and conservation bioacoustics",
    "chris_muir": "plant ecophysiology: amphistomy and stomatal ratio, stomatal size, density and closure kinetics, mesophyll conductance and leaf trait coordination in wild tomatoes, leaf energy budgets and temperature (tealeaves), local adaptation in scarlet monkeyflower and across species' ranges, leaf economics traits, hybrid incompatibility and speciation genetics",
    "renato_duarte": "computational neuroscience: spiking neural networks and reservoir computing, synaptic plasticity and homeostasis, modular and topographic networks, the Tripod dendritic neuron, spike-rate adaptation and working memory in language, model replication in NEST",
    "maximilian_pfau": "ophthalmology: fundus-controlled perimetry (microperimetry) and retest reliability, AI-based structure-function correlation (inferred sensitivity), geographic atrophy in age-related macular degeneration, Stargardt disease and ABCA4 retinopathy, pseudoxanthoma elasticum and Sorsby fundus dystrophy, OCT angiography of the foveal avascular zone",
    "sam_zipper": "ecohydrology and hydrogeology: shallow groundwater and crop yield (MODFLOW-AgroIBIS), high-resolution evapotranspiration mapping, urban heat island and plant water use, streamflow depletion by groundwater pumping (analytical depletion functions), groundwater in permafrost, ecosystem services and phosphorus in the Yahara Watershed, sociohydrology and drought response",
    "carlos_denner": "management and information systems: attractiveness, licensing and governance of free and open source software projects, IT and AI governance in Brazilian public organizations, open government data and public sector innovation, crowdsourcing and Wikipedia contributors, blogs, startups and post-incubation survival, crowdfunding in teaching",
    "hao_yan": "industrial engineering and quality engineering: statistical process monitoring and anomaly detection for images, profiles and high-dimensional data streams (smooth-sparse decomposition, ST-SSD, multichannel functional PCA), tensor regression and decomposition, degradation modelling and prognostics, deep learning for manufacturing (rolling, additive manufacturing, Raman monitoring of buckypaper), hot-spot detection, cardiac, dental and aviation applications",
    "ido_bar": "agricultural and aquaculture genomics: plant pathology of Ascochyta blight in chickpea and lentil (Ascochyta rabiei population genomics and pathogenicity), plant pathogen biosensors, papaya flavour genomics and metabolomics; germ cell transplantation for southern bluefin tuna, fish population genomics, shellfish and prawn diseases",
    "david_casbeer": "control engineering and aerospace autonomy: pursuit-evasion and active target defense differential games, event-triggered consensus of multi-agent systems, cooperative UAV routing and path planning, pursuit on road networks with unattended ground sensors, weapon-target assignment, multi-UAV target tracking",
    "cory_cascalheira": "counseling psychology and sexuality research: minority stress and behavioral health of sexual and gender minorities, SGM-tailored substance use treatment services, PTSD and hazardous drinking in sexual minority women, BDSM and kink (24/7 lifestyles, trauma recovery), sexual fantasy and desire in COVID-19 lockdown, HIV-positive MSM, heterosexism interventions, minority stress detection on Reddit",
    "hugo_botha": "neurology: behavioral neurology of neurodegenerative disease, primary progressive aphasia and primary progressive apraxia of speech, progressive supranuclear palsy diagnostic criteria, FDG-PET, tau-PET (flortaucipir) and amyloid PET biomarkers, tau-negative amnestic dementia and TDP-43, cerebral microbleeds, dementia screening tests",
    "giuseppe_manco": "data mining and machine learning: probabilistic latent-factor models for collaborative filtering and recommendation, topic-aware social influence and information cascades, community detection, clustering of categorical, XML and trajectory data, outlier and anomaly detection, workflow mining",
    "prajeesh_ag": "climate science: Indian and South Asian monsoon variability, the IITM Earth System Model and high-resolution monsoon forecasting, Indian Ocean Dipole, Arabian Sea mixing and barrier layers, MJO, North Indian Ocean cyclones, compound droughts and heatwaves and CO2 over the Arabian Peninsula",
    "brian_jalaian": "networking and trustworthy machine learning: MIMO interference cancellation, underlay coexistence and chance-constrained scheduling, 5G age-of-information scheduling, cognitive radio, tactical network control planes, LoRa and the Internet of Battlefield Things; adversarial examples, uncertainty quantification, Bayesian deep learning",
    "raimon_sunyer": "biophysics and cell mechanobiology: durotaxis and collective cell migration, traction force and monolayer stress microscopy, stiffness-gradient hydrogels and microfluidic gradients, integrin rigidity sensing, forces at epithelial boundaries, cytoskeleton rheology and mechanics of alveolar epithelial cells",
    "zheer_al_mashhadi": "endocrinology and diabetes: bone health and fracture risk in type 2 diabetes, registry-based pharmacoepidemiology of GLP-1 receptor agonists, SGLT2 and DPP-4 inhibitors and fractures, alendronate versus denosumab, alendronate and incident type 2 diabetes, a cafestol trial, serum osteoglycin; early atherosclerosis work in minipigs",
}
CALIBRATION = "ivan_vulic"


def record_path(name: str) -> Path:
    """The record file: committed under records/ (real exports) or built into the cache (corpus)."""
    committed = sorted(COMMITTED.glob(f"{name}.*"))
    committed = [p for p in committed if not p.name.endswith(".meta.json")]
    if committed:
        return committed[0]
    from bench.heldout.build import OUT

    return OUT / f"{name}.json"
