// The non-SuperOffice service: one client class per port over SOAP (no REST twin); type-checked with the app.
import { createCalculatorClient, createCalculator12Client, type CalculatorAgent } from "./calculator/index.js";

export const calculators: CalculatorAgent[] = [createCalculatorClient(), createCalculator12Client()];
