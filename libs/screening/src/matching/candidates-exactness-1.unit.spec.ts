import { describeExactness } from '../../test/support/exactness-property';

describeExactness(1);
