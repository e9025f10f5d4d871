namespace Millwright.Sandbox.MaintainX;

// Fixed vocabularies of the seeded plant: realistic equipment, tasks and spare parts.
internal sealed partial class MaintainXSandboxSeed
{
    private sealed record AssetKind(string Name, string Tag, (string Manufacturer, string Model)[] Models, string[] Components, string[] Tasks, (string Name, string Unit)? Meter);

    private sealed record SiteProfile(string Name, string Address, string[] Areas);

    private sealed record OrgProfile(
        string Name, string Domain, string TimeZone, SiteProfile[] Sites, int Users, int Teams, int Vendors, int Parts,
        int PurchaseOrders, int WorkRequests, int Plans);

    private static readonly string[] Areas =
        ["Production Hall A", "Production Hall B", "Boiler Room", "Warehouse", "Maintenance Shop", "Roof", "Shipping Dock", "Utility Room"];

    private static readonly OrgProfile PlantProfile = new(
        "Northwind Manufacturing", "northwind-mfg.example", "America/Chicago",
        [
            new("Springfield Plant", "1200 Industrial Pkwy, Springfield, IL 62703, USA", Areas),
            new("Riverside Plant", "455 River Rd, Riverside, CA 92501, USA", Areas),
            new("Lakeside Distribution Center", "88 Harbor Dr, Sandusky, OH 44870, USA", Areas),
        ],
        Users: 45, Teams: 6, Vendors: 25, Parts: 160, PurchaseOrders: 220, WorkRequests: 400, Plans: 60);

    private static readonly OrgProfile DepotProfile = new(
        "Northwind Logistics Depot", "northwind-depot.example", "America/New_York",
        [new("Newark Depot", "17 Port St, Newark, NJ 07114, USA", ["Loading Bays", "Cold Store", "Workshop"])],
        Users: 10, Teams: 2, Vendors: 8, Parts: 30, PurchaseOrders: 20, WorkRequests: 20, Plans: 6);

    private static readonly AssetKind[] Kinds =
    [
        new("Air Compressor", "AC", [("Atlas Copco", "GA37 VSD"), ("Ingersoll Rand", "R55i"), ("Kaeser", "SK 25")], ["Drive Motor", "Refrigerated Air Dryer"],
            ["Replace air intake filter", "Drain condensate and check traps", "Change compressor oil", "Inspect belts and tension", "Investigate high discharge temperature"], ("Run Hours", "hours")),
        new("Conveyor", "CV", [("Hytrol", "E24"), ("Dorner", "3200 Series"), ("Intralox", "ARB")], ["Gear Reducer", "Drive Motor"],
            ["Adjust belt tracking", "Replace worn rollers", "Lubricate drive chain", "Clear jam at transfer", "Inspect emergency pull cords"], null),
        new("CNC Machining Center", "CNC", [("Haas", "VF-2"), ("Mazak", "VCN-530C"), ("DMG Mori", "NLX 2500")], ["Spindle", "Coolant System"],
            ["Check spindle runout", "Replace way lube filter", "Clean coolant tank", "Recalibrate tool probe", "Alarm 108: servo overload"], ("Spindle Hours", "hours")),
        new("Hydraulic Press", "HP", [("Schuler", "MSD 400"), ("Beckwood", "150T Four-Post")], ["Hydraulic Power Unit"],
            ["Check hydraulic oil level", "Replace hydraulic filter", "Inspect for leaks at cylinder", "Test light curtain"], ("Cycle Count", "cycles")),
        new("Forklift", "FL", [("Toyota", "8FGCU25"), ("Hyster", "H50FT"), ("Crown", "FC 5200")], [],
            ["Daily pre-shift inspection", "Replace forks chain", "Battery water top-up", "Repair hydraulic mast leak"], ("Engine Hours", "hours")),
        new("Boiler", "BLR", [("Cleaver-Brooks", "CBEX Elite"), ("Miura", "EX-100")], ["Burner", "Feedwater Pump"],
            ["Annual boiler inspection", "Blowdown and water test", "Clean burner assembly", "Replace low-water cutoff"], ("Stack Temperature", "°F")),
        new("Chiller", "CH", [("Trane", "CVHF"), ("Carrier", "30XA")], ["Compressor", "Condenser"],
            ["Check refrigerant pressures", "Clean condenser coils", "Replace oil filter", "Investigate high head pressure"], ("Supply Water Temperature", "°F")),
        new("Rooftop HVAC Unit", "RTU", [("Trane", "Voyager"), ("Lennox", "Landmark")], [],
            ["Replace air filters", "Inspect belts and bearings", "Clean condensate drain", "Check economizer operation"], null),
        new("Centrifugal Pump", "P", [("Grundfos", "NB 65-200"), ("Goulds", "3196 MTX")], ["Pump Motor"],
            ["Replace mechanical seal", "Check vibration levels", "Grease motor bearings", "Investigate cavitation noise"], ("Vibration", "mm/s")),
        new("Packaging Robot", "RB", [("Fanuc", "M-20iD/25"), ("ABB", "IRB 6700")], ["End Effector"],
            ["Backup robot program", "Replace gripper pads", "Grease J1-J3 reducers", "Recalibrate vision system"], null),
        new("Injection Molding Machine", "IM", [("Engel", "victory 200"), ("Arburg", "Allrounder 470")], ["Heater Bands", "Mold Temperature Controller"],
            ["Replace heater band zone 3", "Check clamp tonnage", "Clean hopper and dryer", "Inspect hydraulic hoses"], ("Shot Count", "shots")),
        new("Electrical Panel", "EP", [("Square D", "QO Load Center"), ("Eaton", "Pow-R-Line C")], [],
            ["Infrared thermography scan", "Tighten terminations", "Replace failed breaker", "Label circuits"], null),
        new("Cooling Tower", "CT", [("Baltimore Aircoil", "Series 3000"), ("Marley", "NC Everest")], ["Fan Motor"],
            ["Clean basin and strainers", "Water treatment check", "Inspect fan blades", "Replace drift eliminators"], null),
        new("Dust Collector", "DC", [("Donaldson", "Torit DFO 3-24"), ("Camfil", "Gold Series GS8")], [],
            ["Replace filter cartridges", "Empty dust bin", "Check differential pressure gauge", "Inspect pulse valves"], ("Differential Pressure", "inH2O")),
    ];

    private static readonly string[] CategoryLabels =
        ["Damage", "Electrical", "Inspection", "Mechanical", "Preventive", "Project", "Refrigeration", "Safety", "Standard Operating Procedure"];

    private static readonly string[] TeamNames = ["Mechanical", "Electrical", "HVAC", "Facilities", "Night Shift", "Contractors"];

    private static readonly (string Name, string Unit)[] PartBases =
    [
        ("Deep Groove Ball Bearing 6205-2RS", "ea"), ("Deep Groove Ball Bearing 6308-ZZ", "ea"), ("Pillow Block Bearing UCP207", "ea"),
        ("V-Belt A42", "ea"), ("V-Belt B56", "ea"), ("Timing Belt 8M-1200", "ea"), ("Hydraulic Filter Element 10 micron", "ea"),
        ("Air Filter Cartridge", "ea"), ("Oil Filter", "ea"), ("Proximity Sensor M18 PNP", "ea"), ("Photoelectric Sensor", "ea"),
        ("Contactor 40A 24VDC", "ea"), ("Overload Relay 9-13A", "ea"), ("Fuse 30A Class J", "ea"), ("Circuit Breaker 20A", "ea"),
        ("O-Ring Kit Nitrile", "kit"), ("Mechanical Seal 1.5in", "ea"), ("Coupling Insert L-100", "ea"), ("Drive Chain #60", "ft"),
        ("Sprocket 60B18", "ea"), ("Gear Oil ISO VG 220", "gal"), ("Hydraulic Oil AW 46", "gal"), ("Grease Cartridge EP2", "ea"),
        ("Solenoid Valve 24VDC", "ea"), ("Pressure Gauge 0-200 psi", "ea"), ("Limit Switch", "ea"), ("LED High Bay Lamp 150W", "ea"),
        ("Conveyor Roller 1.9in", "ea"), ("Gripper Pad Set", "set"), ("Heater Band 300W", "ea"), ("Thermocouple Type J", "ea"),
        ("Refrigerant R-134a", "lb"), ("Pleated Filter 20x25x2", "ea"), ("Fan Belt AX38", "ea"), ("Pump Impeller 8in", "ea"),
    ];

    private static readonly string[] PartVariants = ["", " (Rebuild Kit)", " - Spare", " - OEM", " - High Temp"];
}
