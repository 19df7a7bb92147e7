// The composition the server does at start-up, done for each test file's process.
import { wireWalletFunding } from "@/lib/funding/wire";

wireWalletFunding();
