/**
 * Corpus articles: ocean science.
 * @internal
 */
import type { Article } from "./article.js"

/** Ocean science articles. */
export const articles: ReadonlyArray<Article> = [
  {
    url: "https://sim.zai-kit.dev/ocean/coral-reef-bleaching",
    title: "What Coral Bleaching Is, and Why Reefs Sometimes Recover",
    description: "Heat stress breaks the partnership between corals and their algae; whether a reef recovers depends on how long and how often.",
    site: "Blue Planet Review",
    date: "2024-08-12",
    keywords: "coral reefs, bleaching, ocean warming, marine heatwave, ocean science",
    paragraphs: [
      "Reef-building corals live in partnership with microscopic algae that sit inside their tissues. The algae photosynthesise and pass sugars to the coral; in return they get shelter and nutrients. That partnership is what allows reefs to thrive in clear, nutrient-poor tropical water.",
      "When the water stays one or two degrees above its usual summer maximum for several weeks, the partnership breaks down. The stressed algae produce harmful compounds, the coral expels them, and with its colourful partners gone the coral's white skeleton shows through its transparent tissue.",
      "A bleached coral is not dead. If temperatures fall back quickly, the algae can recolonise and the coral regains its colour within weeks or months. If the heat lasts too long, the coral starves or succumbs to disease, and the reef structure slowly erodes.",
      "Scientists measure heat stress in degree heating weeks, a running total of how far and for how long temperatures exceed the normal maximum. Above about four degree heating weeks significant bleaching is likely; above eight, widespread mortality becomes common.",
      "The growing problem is frequency. Mass bleaching events used to be separated by decades, giving slow-growing corals time to recover. As marine heatwaves become more frequent, the gaps shrink to a few years, and fast-growing species begin to replace the slow builders of reef structure.",
      "Local measures, such as limiting pollution, overfishing and sediment runoff, help reefs recover between events. Restoration projects grow heat-tolerant corals in nurseries and transplant them. But every reef scientist makes the same point: long-term survival depends on limiting ocean warming."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/ocean/deep-sea-hydrothermal-vents",
    title: "Life Around Deep-Sea Hydrothermal Vents",
    description: "Far below the reach of sunlight, whole ecosystems run on chemical energy from the Earth's interior.",
    site: "Blue Planet Review",
    date: "2025-02-27",
    keywords: "deep sea, hydrothermal vents, chemosynthesis, ocean science, marine biology",
    paragraphs: [
      "In 1977 scientists in the submersible Alvin, exploring a volcanic ridge near the Galápagos Islands at a depth of about two and a half kilometres, found something nobody expected: dense communities of clams, mussels and giant tube worms clustered around vents of warm, mineral-rich water.",
      "Sunlight never reaches those depths, so the food web cannot start with photosynthesis. Instead, bacteria harvest chemical energy from hydrogen sulfide in the vent fluid and use it to turn carbon dioxide into sugars, a process called chemosynthesis.",
      "Many vent animals carry these bacteria inside their bodies. The giant tube worm has no mouth or gut as an adult; a specialised organ packed with symbiotic bacteria feeds it, while its red plume takes up oxygen and sulfide from the water and its blood carries both to the microbes.",
      "Vent fluids can exceed three hundred and fifty degrees Celsius without boiling because of the enormous pressure. Where they meet near-freezing seawater, dissolved metals precipitate and build chimneys, some of them taller than a ten-storey building.",
      "Vent fields are short-lived on geological timescales. An eruption can bury a field or a shift in plumbing can shut it off, and larvae must drift through the dark to find the next oasis, sometimes hundreds of kilometres away.",
      "The same metal-rich deposits that make vents fascinating also attract mining interest. Biologists argue that many vent species exist nowhere else and that the ecosystems should be mapped and protected before any extraction begins."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/ocean/ocean-currents-climate",
    title: "Ocean Currents and the Climate Conveyor Belt",
    description: "The Atlantic overturning circulation moves heat from the tropics toward Europe, and scientists are watching it closely.",
    site: "Blue Planet Review",
    date: "2025-07-09",
    keywords: "ocean currents, AMOC, Gulf Stream, climate, thermohaline circulation, ocean science",
    paragraphs: [
      "The ocean stores and moves far more heat than the atmosphere. Surface currents driven by the wind, such as the Gulf Stream, carry warm tropical water toward the poles, while deep currents return cold water toward the equator.",
      "In the North Atlantic the two are linked by the Atlantic Meridional Overturning Circulation, often called the AMOC. Warm, salty surface water travels north, cools near Greenland and Iceland, becomes dense enough to sink, and flows south again along the ocean floor.",
      "This overturning helps explain why western Europe is milder than places at the same latitude in North America. It also draws carbon dioxide from the air into the deep ocean, where it can stay for centuries.",
      "Melting ice and increased rainfall add fresh water to the North Atlantic, making the surface less salty and less able to sink. Climate models consistently project that the AMOC will weaken this century; how much, and whether it could cross a tipping point, remains debated.",
      "Measuring the circulation directly is hard. Since 2004 a line of moored instruments across the Atlantic at about twenty-six degrees north has recorded its strength continuously, and fleets of autonomous floats now profile temperature and salinity throughout the upper two kilometres of the ocean.",
      "The records are still short compared with the slow rhythms of the ocean, which is why scientists combine them with sediment cores and historical temperature patterns to reconstruct how the circulation has changed over past centuries."
    ]
  }
]
