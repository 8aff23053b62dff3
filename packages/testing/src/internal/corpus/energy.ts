/**
 * Corpus articles: renewable energy.
 * @internal
 */
import type { Article } from "./article.js"

/** Renewable energy articles. */
export const articles: ReadonlyArray<Article> = [
  {
    url: "https://sim.zai-kit.dev/energy/solar-panel-efficiency",
    title: "Why Solar Panel Efficiency Keeps Creeping Upward",
    description: "How silicon cells went from curiosities to the cheapest electricity ever built, and where the next gains in solar efficiency come from.",
    site: "Grid Notes",
    date: "2025-03-14",
    keywords: "solar, photovoltaic, efficiency, silicon, perovskite, renewable energy",
    headings: { 0: "From curiosity to commodity", 3: "Perovskites and tandem cells", 5: "What efficiency does not measure" },
    paragraphs: [
      "The first practical silicon solar cell, shown at Bell Labs in 1954, turned about six percent of the sunlight that hit it into electricity. Commercial modules sold today routinely reach twenty-two percent, and the best laboratory cells made of silicon alone are closing in on the theoretical ceiling of roughly twenty-nine percent.",
      "Most of the progress came from small, patient changes rather than a single breakthrough. Passivated emitter and rear cell designs, known as PERC, added a reflective layer at the back of the cell so that light which passed through once gets a second chance to be absorbed. Thinner wafers, finer metal contacts and better anti-reflective coatings each added a fraction of a point.",
      "Manufacturing scale did the rest. As factories grew, the price of a module fell by more than ninety percent in a decade, which made even modest efficiency gains valuable: a more efficient panel needs less glass, less aluminium framing and less land for the same output, so the savings ripple through the whole installation.",
      "The most watched newcomer is the perovskite, a family of crystals that can be printed from solution at low temperature. On their own, perovskite cells have climbed past twenty-six percent in the lab in little more than a decade of research, a pace silicon never matched.",
      "Stacking a perovskite layer on top of a silicon cell creates a tandem device. The top layer captures blue and green light, the silicon underneath captures the red and infrared, and together they have exceeded thirty-three percent. The open question is durability: perovskites degrade with heat and moisture, and panels are expected to last twenty-five years outdoors.",
      "Efficiency is not the whole story of a solar project. Capacity factor, the share of the year a panel actually produces at full power, depends on latitude, weather and whether the panels track the sun. A slightly less efficient panel on a single-axis tracker in a sunny desert can out-produce a record-setting cell on a cloudy rooftop.",
      "For households the practical advice is unchanged: orientation, shading and a reliable inverter matter more than the last percentage point on the datasheet. For utilities, the combination of cheap modules and cheap batteries is what is turning solar from a daytime supplement into the backbone of new generation."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/energy/offshore-wind-turbines",
    title: "Offshore Wind: Bigger Turbines, Deeper Water",
    description: "Offshore wind farms are moving into deeper water on floating foundations, with turbines taller than most skyscrapers.",
    site: "Grid Notes",
    date: "2024-11-02",
    keywords: "wind, offshore, turbines, floating foundations, renewable energy, grid",
    headings: { 0: "Why go offshore", 2: "The scale race", 4: "Floating foundations" },
    paragraphs: [
      "Wind over the open sea is stronger and steadier than wind over land, and there are no neighbours to object to the view or the noise. That is why coastal countries with shallow continental shelves, such as Denmark, the United Kingdom and China, built the first large offshore wind farms.",
      "The steadier wind shows up in the numbers. A good onshore site may run at a capacity factor of thirty to thirty-five percent; modern offshore farms in the North Sea regularly exceed forty-five percent, which makes their output easier for grid operators to plan around.",
      "Turbines have grown dramatically. A typical offshore machine in 2010 was rated at three megawatts; the newest models are rated at fifteen megawatts or more, with blades longer than a football pitch. One rotation of such a rotor can supply an average home with electricity for a couple of days.",
      "Bigger turbines mean fewer foundations, fewer cables and fewer vessel trips for the same capacity, which is where most of the cost reduction has come from. The trade-off is that the installation ships, cranes and ports must grow too, and only a handful of vessels in the world can lift the largest nacelles.",
      "Fixed foundations, driven into the seabed, stop being economical in water deeper than about sixty metres. Floating turbines solve that by mounting the tower on a buoyant platform held in place by mooring lines, opening up deep coasts such as those of Norway, Japan, California and the Mediterranean.",
      "Floating wind is still expensive, with only a few commercial arrays in operation, but engineers expect costs to fall as designs standardise. Meanwhile the bottleneck for offshore wind everywhere is less the turbines than the transmission lines that carry the power ashore and across the country to where it is used."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/energy/grid-batteries-storage",
    title: "Grid Batteries and the End of the Evening Peak",
    description: "Lithium-ion and newer battery chemistries are shifting solar power into the evening and stabilising grids within milliseconds.",
    site: "Grid Notes",
    date: "2025-06-21",
    keywords: "battery storage, grid, lithium iron phosphate, sodium-ion, solar, renewable energy",
    paragraphs: [
      "For decades the daily shape of electricity demand was drawn by habits: a morning rise, a midday plateau and an evening peak when people come home, cook and switch on lights. Solar power flattened the middle of the day and deepened the contrast with the evening, a pattern grid engineers nicknamed the duck curve.",
      "Large batteries are now filling that gap. A grid-scale battery charges when solar output is high and prices are low, then discharges for two to four hours after sunset. In places such as California and South Australia, batteries already supply a noticeable share of the evening peak on sunny days.",
      "Most of these installations use lithium iron phosphate cells, the same chemistry found in many cheaper electric cars. It stores a little less energy per kilogram than nickel-rich chemistries, but it is cheaper, lasts for thousands of cycles and is far less prone to overheating, which matters when thousands of cells share a container.",
      "Batteries also earn money in ways that have nothing to do with bulk energy. Because their power electronics respond within milliseconds, they can correct small deviations in grid frequency far faster than a spinning turbine, a service that used to be provided almost entirely by fossil plants.",
      "Sodium-ion cells are the next chemistry to watch. Sodium is abundant and cheap, the cells tolerate cold weather well, and they avoid lithium, cobalt and nickel entirely. Their lower energy density is a drawback in a car but hardly matters in a stationary container.",
      "Four-hour batteries do not solve every problem. A week of cloudy, windless winter weather needs storage measured in days or seasons, and candidates for that role range from pumped hydro and compressed air to hydrogen. For the daily cycle, however, batteries have quietly become the default choice."
    ]
  }
]
