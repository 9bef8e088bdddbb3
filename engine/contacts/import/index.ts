export { ContactImportHeaderError, importContactsCsv, type ContactImportReport } from './import-csv';
