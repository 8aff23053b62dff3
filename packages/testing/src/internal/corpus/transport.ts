/**
 * Corpus articles: urban transport.
 * @internal
 */
import type { Article } from "./article.js"

/** Urban transport articles. */
export const articles: ReadonlyArray<Article> = [
  {
    url: "https://sim.zai-kit.dev/cities/bus-rapid-transit",
    title: "Bus Rapid Transit: Metro Performance at Street Level",
    description: "Dedicated lanes, level boarding and off-board fares let buses carry metro-like crowds for a fraction of the cost.",
    site: "City Mobility Journal",
    date: "2024-12-05",
    keywords: "bus rapid transit, BRT, public transport, urban transport, cities",
    paragraphs: [
      "Bus rapid transit, or BRT, borrows the features that make a metro fast and applies them to buses. The core ingredients are lanes reserved for buses, stations with platforms level with the bus floor, fares paid before boarding and priority at traffic signals.",
      "Curitiba in Brazil pioneered the approach in the 1970s, and Bogotá's TransMilenio showed in 2000 that a BRT corridor could move more than forty thousand passengers per hour in each direction, a volume comparable to many rail lines.",
      "The economics are compelling. A BRT corridor typically costs a small fraction of an underground railway per kilometre and can be built in a few years rather than a decade, which lets fast-growing cities expand their network while demand is still rising.",
      "The weak point is political rather than technical. Dedicated lanes take space from cars, and when enforcement slips or lanes are opened to other traffic, buses get stuck in congestion and the system loses the speed that made it attractive.",
      "Well-run systems guard their lanes with physical separation, cameras and clear rules, and they design stations for quick boarding through several wide doors. The best corridors are planned as a network with frequent, easy transfers rather than as isolated lines."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/cities/cycling-infrastructure",
    title: "What Makes a City Good for Cycling",
    description: "Protected lanes, connected networks and slower streets turn cycling from a brave minority habit into an everyday choice.",
    site: "City Mobility Journal",
    date: "2025-04-23",
    keywords: "cycling, bike lanes, urban transport, cities, infrastructure, safety",
    paragraphs: [
      "Surveys in many countries find the same thing: most people would cycle more if they felt safe doing so. The group transport planners call interested but concerned is far larger than the group of confident riders willing to mix with fast traffic.",
      "Paint alone does little for that group. Lanes separated from motor traffic by kerbs, planters or parked cars make the difference, especially on busy roads, and junctions need their own design so that turning vehicles and bicycles see each other early.",
      "Connection matters as much as quality. A protected lane that ends abruptly at a dangerous junction is of little use, so cities that have grown cycling quickly, such as Paris and Seville, built networks of routes that link homes, schools, stations and workplaces.",
      "On quieter residential streets, lower speed limits and filters that stop through traffic while letting bicycles pass can create safe routes without separate lanes. The streets also become calmer and more pleasant for people walking.",
      "Secure parking is the overlooked half of the problem. Riders of expensive electric bikes will not use them for commuting if there is nowhere safe to leave them, so stations and offices increasingly offer covered, locked storage.",
      "Cities that invest consistently see the results within a few years. Cycling grows fastest among groups that rarely rode before, including children, older residents and women, which is the clearest sign that the streets really have become safer."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/cities/congestion-pricing",
    title: "Congestion Pricing: Charging for Road Space",
    description: "London, Stockholm, Singapore and New York show that a price on crowded roads cuts traffic and funds public transport.",
    site: "City Mobility Journal",
    date: "2025-08-18",
    keywords: "congestion pricing, road pricing, traffic, urban transport, cities, public transport",
    paragraphs: [
      "Road space in a busy city centre is scarce, yet it is usually free at the point of use. Economists have long argued that a price, charged when and where roads are crowded, would lead drivers to shift trips in time, change routes or switch to other ways of travelling.",
      "Singapore introduced the first scheme in 1975 and later moved to electronic gantries whose charges vary by location and time of day. London followed in 2003 with a daily charge for driving into the centre, and traffic entering the zone fell by around a fifth in the first years.",
      "Stockholm's experience is often cited because of its referendum. A trial in 2006 cut traffic across the cordon by about twenty percent; public opinion, sceptical beforehand, swung in favour once residents saw the quieter streets, and the charge was made permanent.",
      "New York began charging vehicles entering lower and midtown Manhattan in January 2025, the first such scheme in the United States. Early reports showed fewer vehicles, faster bus journeys and revenue earmarked for the subway and commuter rail.",
      "The design details decide whether a scheme is seen as fair: discounts for low-income residents, exemptions for people with disabilities, and above all visible improvements to the alternatives. Where the revenue funds better buses and trains, support tends to grow over time."
    ]
  }
]
