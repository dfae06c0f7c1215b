/** The repo's data/ folder. */
export declare const DATA_DIR: string;
/** The path of a data set by its CSV name (`online_retail.csv`); throws when it is missing. */
export declare function dataFile(name: string): string;
/** A data file's text, gunzipped when its name ends in `.gz`. */
export declare function readDataText(path: string): string;
